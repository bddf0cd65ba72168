"""Pure domain logic: no Flask, no database. Takes plain values, returns values and codes."""
