"""URL converters."""
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1


class BoundedIntConverter(IntegerConverter):
    """`<int:...>` that answers 404 for numbers no database id can reach, instead of a 500."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        kwargs.setdefault("fixed_digits", 0)
        super().__init__(map, *args, **kwargs)
