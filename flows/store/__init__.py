"""The warehouse: where articles land and how they are read.

`Warehouse` (warehouse.py) is the interface every back-end implements: `LocalWarehouse` in a
folder, `ObjectWarehouse` (objectstore.py) on any fsspec store; `open_warehouse` picks one from a
path or URL. `schema.py` holds the tables' Arrow schemas, `catalog.py` the DuckDB views over the
current snapshot, `location.py` how paths and URLs are read and listed.
"""
from __future__ import annotations

import os

from flows.store import location
from flows.store.objectstore import ObjectWarehouse
from flows.store.warehouse import LocalWarehouse, Transaction, Warehouse, WarehouseBusy

__all__ = ["LocalWarehouse", "ObjectWarehouse", "Transaction", "Warehouse", "WarehouseBusy", "open_warehouse"]


def open_warehouse(where: str | os.PathLike | Warehouse) -> Warehouse:
    """The warehouse at a local path, a `file://` URL or any other fsspec URL (object storage)."""
    if isinstance(where, Warehouse):                # already a warehouse
        return where
    text = os.fspath(where)
    if location.is_remote(text):
        return ObjectWarehouse(text)
    return LocalWarehouse(location.local_path(text))
