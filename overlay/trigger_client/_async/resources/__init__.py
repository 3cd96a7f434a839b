"""One module per API resource: ``client.tasks``, ``client.runs``, ``client.batch``."""
