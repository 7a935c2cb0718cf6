"""The warehouse: where articles land and how they are read.

`Warehouse` (warehouse.py) is the interface every back-end implements: `LocalWarehouse` in a
folder, `ObjectWarehouse` (objectstore.py) on any fsspec store; `open_warehouse` picks one from a
path or URL. `schema.py` holds the tables' Arrow schemas, `catalog.py` the DuckDB views over the
current snapshot, `location.py` how paths and URLs are read and listed.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from flows.store import location

if TYPE_CHECKING:
    from flows.store.warehouse import Warehouse

__all__ = ["LocalWarehouse", "ObjectWarehouse", "Transaction", "Warehouse", "WarehouseBusy", "open_warehouse"]


def open_warehouse(where: str | os.PathLike | Warehouse) -> Warehouse:
    """The warehouse at a local path, a `file://` URL or any other fsspec URL (object storage).
    (The back-ends are imported here, not with the package: `newsflow parse` needs neither.)"""
    from flows.store.objectstore import ObjectWarehouse
    from flows.store.warehouse import LocalWarehouse, Warehouse

    if isinstance(where, Warehouse):                # already a warehouse
        return where
    text = os.fspath(where)
    if location.is_remote(text):
        return ObjectWarehouse(text)
    return LocalWarehouse(location.local_path(text))


def __getattr__(name: str) -> Any:
    """The back-ends' classes, imported when first asked for."""
    if name == "ObjectWarehouse":
        from flows.store import objectstore
        return objectstore.ObjectWarehouse
    if name in ("LocalWarehouse", "Transaction", "Warehouse", "WarehouseBusy"):
        from flows.store import warehouse
        return getattr(warehouse, name)
    raise AttributeError(f"module 'flows.store' has no attribute {name!r}")
