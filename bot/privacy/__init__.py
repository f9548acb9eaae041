"""What applicants type, kept safe: masking (pure, no Rasa) and the unanswered-question log.

Pure Python, so anything may import it: the Rasa plug-ins, the actions and the
secretariat's tools share one definition of personal data.
"""
