"""Use cases: load, call the domain, persist. The only layer that commits."""
