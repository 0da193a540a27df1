"""SQL written once for the hot paths (authenticating a request, logging a share).

peewee rebuilds a query's SQL from its expression tree on every call and builds each row
through its generic cursor wrappers: for the handful of statements every request runs, that
cost more CPU than the database spent answering them. These helpers render each statement
once per backend (the parameter mark differs: `?` or `%s`) and build model instances straight
from the row, with each field's own conversion, so what they return is what the ORM would.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TypeVar

from peewee import (
    AutoField,
    BigIntegerField,
    CharField,
    Field,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from .db import database

M = TypeVar("M", bound=Model)


# Columns the drivers already return as the Python value peewee would make of them.
_AS_READ = (AutoField, BigIntegerField, CharField, IntegerField, TextField)


def _quoted(name: str) -> str:
    return f'"{name}"'


def _converter(field: Field):
    target = field.rel_field if isinstance(field, ForeignKeyField) else field
    return None if type(target) in _AS_READ else field.python_value


@cache
def columns_of(model: type[Model], alias: str) -> tuple[str, tuple]:
    """A model's columns for a SELECT (`alias.column`, …) and the (field name, converter)
    pairs that `build` takes."""
    fields = tuple(model._meta.sorted_fields)
    columns = ", ".join(f"{alias}.{_quoted(f.column_name)}" for f in fields)
    return columns, tuple((f.name, _converter(f)) for f in fields)


@cache
def _select(model: type[Model], where: str, param: str, suffix: str) -> tuple[str, tuple]:
    fields = tuple(model._meta.sorted_fields)
    columns = ", ".join(_quoted(f.column_name) for f in fields)
    sql = (
        f"SELECT {columns} FROM {_quoted(model._meta.table_name)} "
        f"WHERE {where.format(p=param)}{suffix}"
    )
    return sql, tuple((f.name, _converter(f)) for f in fields)


def build(model: type[M], fields: Sequence[tuple], row: Sequence) -> M:
    """A model instance from a row of (field name, converter) columns, converted as peewee's
    cursor would."""
    instance = model.__new__(model)
    instance.__data__ = {
        name: (value if value is None or convert is None else convert(value))
        for (name, convert), value in zip(fields, row, strict=True)
    }
    instance._dirty = set()
    instance.__rel__ = {}
    return instance


def get_one(model: type[M], where: str, *params, suffix: str = "") -> M | None:
    """The first row of `model` matching `where` (`{p}` marks each parameter), or None."""
    sql, fields = _select(model, where, database.param, suffix)
    row = database.execute_sql(sql, params).fetchone()
    return None if row is None else build(model, fields, row)


def get_all(model: type[M], where: str, *params, suffix: str = "") -> list[M]:
    """Every row of `model` matching `where` (`{p}` marks each parameter)."""
    sql, fields = _select(model, where, database.param, suffix)
    return [build(model, fields, row) for row in database.execute_sql(sql, params).fetchall()]


@cache
def _insert(model: type[Model], names: tuple[str, ...], param: str) -> tuple[str, tuple]:
    fields = tuple(model._meta.fields[name] for name in names)
    columns = ", ".join(_quoted(f.column_name) for f in fields)
    pk = _quoted(model._meta.primary_key.column_name)
    sql = (
        f"INSERT INTO {_quoted(model._meta.table_name)} ({columns}) "
        f"VALUES ({', '.join([param] * len(fields))}) RETURNING {pk}"
    )
    return sql, fields


def insert(model: type[M], values: dict) -> M:
    """Insert one row (every field not given takes its default) and return it as an
    instance with its new primary key, as `Model.create` would."""
    data = model._meta.get_default_dict()
    data.update(values)
    sql, fields = _insert(model, tuple(data), database.param)
    params = [f.db_value(data[f.name]) for f in fields]
    new_id = database.execute_sql(sql, params).fetchone()[0]
    instance = model.__new__(model)
    instance.__data__ = {model._meta.primary_key.name: new_id, **data}
    instance._dirty = set()
    instance.__rel__ = {}
    return instance


@cache
def _update(model: type[Model], names: tuple[str, ...], param: str) -> tuple[str, tuple, Field]:
    pk = model._meta.primary_key
    fields = tuple(model._meta.fields[name] for name in names)
    assignments = ", ".join(f"{_quoted(f.column_name)} = {param}" for f in fields)
    sql = (
        f"UPDATE {_quoted(model._meta.table_name)} SET {assignments} "
        f"WHERE {_quoted(pk.column_name)} = {param}"
    )
    return sql, fields, pk


def save(instance: Model) -> None:
    """Write every column the instance holds back to its row, as `instance.save()` does."""
    database.execute_sql(*save_statement(instance))


def save_statement(instance: Model) -> tuple[str, list]:
    """The statement and parameters `save` runs, for the instance as it stands now (to send
    later with another statement, `ledger.append(carried=...)`); the instance counts as
    saved from here."""
    model, data = type(instance), instance.__data__
    pk_name = model._meta.primary_key.name
    names = tuple(f.name for f in model._meta.sorted_fields if f.name in data and f.name != pk_name)
    sql, fields, pk = _update(model, names, database.param)
    params = [f.db_value(data[f.name]) for f in fields]
    params.append(pk.db_value(data[pk.name]))
    instance._dirty.clear()
    return sql, params


def rows(sql: str, *params) -> list[tuple]:
    """Every row of a statement written with `{p}` parameter marks, as tuples."""
    return database.execute_sql(_marked(sql, database.param), params).fetchall()


def scalars(sql: str, *params) -> list:
    """The first column of each row of a statement written with `{p}` parameter marks."""
    return [row[0] for row in database.execute_sql(_marked(sql, database.param), params)]


@cache
def _marked(sql: str, param: str) -> str:
    return sql.format(p=param)
