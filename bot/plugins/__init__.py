"""What config.yml, endpoints.yml and credentials.yml name: Rasa loads these classes.

NLU components (``components``), the public REST channel (``channels``), the tracker
store (``tracker_store``) and the lock store (``lock_store``).
"""
