"""Production deployment: several Rasa instances on PostgreSQL and Redis behind nginx.

``python -m deploy.run`` starts and supervises the processes (see docs/deployment.md);
``deploy.services`` starts throwaway PostgreSQL and Redis servers for tests and benchmarks.
"""
