"""Every replacement of Rasa's own code, for one Rasa version only."""
