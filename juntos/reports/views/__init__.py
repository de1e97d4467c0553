"""Pages of the reports app: the worker's (anonymous) and the staff's."""
