"""`make load`: the load test of Jembatan on PostgreSQL (run.sh; results in docs/load-results.md)."""
