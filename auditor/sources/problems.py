"""The exception a fetch step raises when its message is already the reason to report."""


class FetchProblem(Exception):
    """A page could not be fetched for a reason stated in one line (the report says it as is)."""
