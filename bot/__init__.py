"""Privacy Reminder Bot: helps a Slack team act on privacy changes of the services they use."""

__version__ = "0.1.0"
