"""The Python side of PythonSharesTasksTests: simplesingletable's own models of the Kotlin application's Task and
Attachment, reading and updating what the Kotlin side stored in the same table.

Run as `python3 tasks.py <endpoint> <region> <access key> <table> <command as JSON>`, with simplesingletable and a
`ulid` module on PYTHONPATH. Prints one JSON line: {"ok": true, "result": ...}, {"ok": false, "error": "..."} when
the library raised, or {"ok": false, "skip": "..."} when boto3, pydantic 2 or the library cannot be imported.
"""
import json
import logging
import sys
import types
from datetime import date, datetime
from enum import Enum


def emit(payload):
    sys.stdout.write(json.dumps(payload, default=jsonable) + "\n")


def jsonable(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    raise TypeError(f"not JSON: {value!r}")


try:
    import humanize  # noqa: F401  (the library imports two of its functions for display only)
except ImportError:
    stand_in = types.ModuleType("humanize")
    stand_in.naturalsize = lambda value, *args, **kwargs: f"{value} B"
    stand_in.precisedelta = lambda value, *args, **kwargs: str(value)
    sys.modules["humanize"] = stand_in

try:
    import boto3  # noqa: F401
    import pydantic

    if not pydantic.VERSION.startswith("2"):
        raise ImportError(f"pydantic 2 is needed, found {pydantic.VERSION}")
    from simplesingletable import DynamoDbMemory, DynamoDbVersionedResource
    from simplesingletable.models import ResourceConfig
except Exception as missing:
    emit({"ok": False, "skip": f"{type(missing).__name__}: {missing}"})
    sys.exit(0)

from typing import ClassVar, Optional


class Status(str, Enum):
    OPEN = "OPEN"
    DONE = "DONE"


def assignee_and_due(task):
    return (f"assignee#{task.assignee}", task.due.isoformat()) if task.assignee and task.due else None


class Task(DynamoDbVersionedResource):
    """The Kotlin data class Task: versioned, compressed, 10 versions kept, the same index keys."""

    resource_config = ResourceConfig(max_versions=10)
    gsi_config: ClassVar[dict] = {
        "gsi1": {"gsi1pk": lambda self: f"board#{self.board}"},
        "gsi3": {("gsi3pk", "gsi3sk"): assignee_and_due},
    }
    board: str
    title: str
    assignee: Optional[str] = None
    due: Optional[date] = None
    status: Status = Status.OPEN
    labels: list[str] = []


def main():
    endpoint, region, access_key, table, command = sys.argv[1:6]
    command = json.loads(command)
    memory = DynamoDbMemory(
        logger=logging.getLogger("tasks"),
        table_name=table,
        endpoint_url=endpoint,
        connection_params={"region_name": region, "aws_access_key_id": access_key, "aws_secret_access_key": "x"},
        track_stats=False,
    )
    try:
        if command["op"] == "get":
            task = memory.get_existing(command["id"], Task, version=command.get("version", 0), consistent_read=True)
        elif command["op"] == "update":
            task = memory.update_existing(memory.read_existing(command["id"], Task), command["data"])
        else:
            raise ValueError(f"unknown op {command['op']}")
    except Exception as failure:
        emit({"ok": False, "error": f"{type(failure).__name__}: {failure}"})
        return
    result = None
    if task is not None:
        result = {
            "fields": {name: getattr(task, name) for name in Task.model_fields},
            "types": {name: type(getattr(task, name)).__name__ for name in Task.model_fields},
        }
    emit({"ok": True, "result": result})


main()
