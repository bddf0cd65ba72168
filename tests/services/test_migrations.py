"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from app.extensions import db as _db


def test_upgrading_an_empty_database_leaves_nothing_for_autogenerate_to_add(db):
    # The session app was built by `flask db upgrade` (see conftest), so compare it with the models.
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True,
                                                               "render_as_batch": True})
        differences = compare_metadata(context, _db.metadata)
    assert differences == []


def test_the_database_has_every_table_and_a_migration_version(db):
    names = set(inspect(db.engine).get_table_names())
    assert set(_db.metadata.tables) <= names
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
