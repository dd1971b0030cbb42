"""Drives the real Python simplesingletable for singletable's cross-language tests (package
dev.singletable.core.crosslang).

Started once per test class as `python3 -u driver.py <endpoint> <table>` with the library and the ulid stand-in on
PYTHONPATH. It prints one JSON line when it is ready (or why it cannot run), then reads one JSON command per line
on stdin and answers each with one JSON line on stdout: {"ok": true, "result": ...} or
{"ok": false, "error": "<exception class>", "message": "..."}. Nothing else goes to stdout.

The models below mirror the Java test entities of that package; field by field, the Java side maps them with a
snake_case naming strategy. Every read is answered as {"fields": {...}, "types": {...}}: the model's values as
Python holds them (datetimes and dates as isoformat(), Decimals as strings, sets as sorted lists, enums by
value) and the Python type name of each top-level value.
"""
import base64
import json
import logging
import os
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))


def emit(payload):
    sys.stdout.write(json.dumps(payload, default=lambda value: _jsonable(value)) + "\n")
    sys.stdout.flush()


try:
    import humanize  # noqa: F401  (simplesingletable imports it; a stand-in is used when it is not installed)
except ImportError:
    sys.path.append(os.path.join(HERE, "fallback"))

try:
    import boto3
    import pydantic
    from boto3.dynamodb.conditions import Key
    from boto3.dynamodb.types import Binary

    if not pydantic.VERSION.startswith("2"):
        raise ImportError(f"pydantic 2 is needed, found {pydantic.VERSION}")
    import simplesingletable
    from simplesingletable import DynamoDbMemory, DynamoDbResource, DynamoDbVersionedResource
    from simplesingletable.models import ResourceConfig
    from simplesingletable.utils import create_standard_dynamodb_table
    from boto3.dynamodb.conditions import Attr
    from simplesingletable.extras.singleton import SingletonResource, SingletonVersionedResource
except Exception as missing:  # report why, and let the Java side skip
    emit({"ready": False, "reason": f"{type(missing).__name__}: {missing}"})
    sys.exit(0)

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, ClassVar, Optional

from pydantic import BaseModel


# ---- models, mirroring the Java entities ---------------------------------------------------------------------


class Color(str, Enum):
    RED = "red"
    GREEN = "green"
    BLUE = "blue"


class Address(BaseModel):
    street: str
    city: str
    zip_code: str


def _owner_key(resource):
    return f"owner#{resource.owner}" if resource.owner else None


def _board_key(resource):
    return (f"board#{resource.owner}", resource.rank) if resource.owner and resource.rank else None


DOC_GSI = {"gsi1": {"gsi1pk": _owner_key}, "gsi3": {("gsi3pk", "gsi3sk"): _board_key}}


class CrossDoc(DynamoDbVersionedResource):
    """Versioned, compressed (the default)."""

    gsi_config: ClassVar[dict] = DOC_GSI
    title: str
    body: Optional[str] = None
    owner: Optional[str] = None
    rank: Optional[str] = None
    count: int = 0
    tags: list[str] = []


class CrossLedger(DynamoDbVersionedResource):
    """Versioned, uncompressed: every field a top-level attribute."""

    resource_config = ResourceConfig(compress_data=False)
    gsi_config: ClassVar[dict] = DOC_GSI
    title: str
    body: Optional[str] = None
    owner: Optional[str] = None
    rank: Optional[str] = None
    count: int = 0
    tags: list[str] = []


class CrossCapped(DynamoDbVersionedResource):
    """Versioned, compressed, keeps 3 versions."""

    resource_config = ResourceConfig(max_versions=3)
    title: str


class CrossAllTypes(DynamoDbResource):
    """Plain, uncompressed (the default), with every field type 16.5.0 stores uncompressed (a plain `date` field
    raises TypeError there: fixed in 17.0.1)."""

    name: str
    count: int
    ratio: float
    price: Decimal
    flag: bool
    nothing: Optional[str] = None
    items: list[str]
    meta: dict[str, int]
    labels: set[str]
    moment: datetime
    color: Color
    address: Address


class CrossAllTypesPacked(DynamoDbResource):
    """Plain, compressed, with every field type including a date."""

    resource_config = ResourceConfig(compress_data=True)
    name: str
    count: int
    ratio: float
    price: Decimal
    flag: bool
    nothing: Optional[str] = None
    items: list[str]
    meta: dict[str, int]
    labels: set[str]
    moment: datetime
    day: date
    color: Color
    address: Address


class CrossEvent(DynamoDbResource):
    """Plain; created with ids such as team#42 (issue 12, item 4)."""

    title: str


class CrossMonthly(DynamoDbResource):
    """Plain, compressed, sorted on the type index by month, as the habit tracker does (issue 12, item 6)."""

    resource_config = ResourceConfig(compress_data=True)
    month: str
    note: str

    def db_get_gsitypesk(self) -> str:
        return self.month


class CrossKeyed(DynamoDbResource):
    """Plain; index keys as a Python user writes them (issue 12, item 7)."""

    gsi_config: ClassVar[dict] = {
        "gsi1": {"gsi1pk": lambda self: f"color#{self.color.value}"},
        "gsi2": {"gsi2pk": lambda self: f"prio#{self.prio}"},
    }
    title: str
    color: Color
    prio: int


class CrossFlagged(DynamoDbResource):
    """Plain; a boolean in a partition key, as a Python user's f-string writes it: flag#True (issue 23)."""

    gsi_config: ClassVar[dict] = {"gsi1": {"gsi1pk": lambda self: f"flag#{self.active}"}}
    title: str
    active: bool


class CrossSeq(DynamoDbResource):
    """Plain; a zero-padded number as sort key, as a Python user formats it (issue 12, item 7)."""

    gsi_config: ClassVar[dict] = {"gsi3": {("gsi3pk", "gsi3sk"): lambda self: (f"seq#{self.title}", f"{self.n:05d}")}}
    title: str
    n: int


class CrossStamp(DynamoDbResource):
    """Plain; datetimes as Python stores them (issue 12, item 8)."""

    label: str
    at: datetime
    local: datetime


class CrossNote(DynamoDbResource):
    """Plain; its Java twin has a @Transient property (issue 12, item 3)."""

    title: str


class CrossLoosePlain(DynamoDbResource):
    """Has a field its Java twin does not map (issue 12, item 9)."""

    title: str
    added_later: Optional[str] = None


class CrossLoosePacked(DynamoDbResource):
    resource_config = ResourceConfig(compress_data=True)
    title: str
    added_later: Optional[str] = None


class CrossLooseVersioned(DynamoDbVersionedResource):
    title: str
    added_later: Optional[str] = None

    def db_get_filter_metadata(self):
        return {"kind": "loose"}


class CrossLooseFlat(DynamoDbVersionedResource):
    # The library reads an uncompressed v0 whole, its filter `metadata` too, which the default extra="forbid"
    # refuses: without this Python cannot read back its own v0 of this type (a simplesingletable bug).
    model_config = pydantic.ConfigDict(extra="ignore")
    resource_config = ResourceConfig(compress_data=False)
    title: str
    added_later: Optional[str] = None

    def db_get_filter_metadata(self):
        return {"kind": "loose"}


# ---- blob fields and the audit log (issue 16) -----------------------------------------------------------------


class CrossBlobDoc(DynamoDbVersionedResource):
    """Versioned; a compressed JSON blob and a raw bytes blob in S3."""

    resource_config = ResourceConfig(
        blob_fields={
            "body": {"compress": True, "content_type": "application/json"},
            "raw": {"compress": False},
        }
    )
    title: str
    body: Optional[dict] = None
    raw: Optional[bytes] = None


class CrossBlobNote(DynamoDbResource):
    """Plain; one uncompressed text blob."""

    resource_config = ResourceConfig(blob_fields={"text": {"compress": False}})
    title: str
    text: Optional[str] = None


class CrossAudited(DynamoDbResource):
    """Plain, audited with field changes and snapshots."""

    resource_config = ResourceConfig(
        audit_config={"enabled": True, "track_field_changes": True, "include_snapshot": True}
    )
    title: str
    price: float = 0.0
    tags: list[str] = []


# ---- filter metadata and singletons (issue 16, items 3 and 6) --------------------------------------------------


class CrossTicket(DynamoDbVersionedResource):
    """Compressed (the versioned default): only its filter metadata is visible to DynamoDB filters."""

    status: str
    priority: int
    body: str

    def db_get_filter_metadata(self):
        return {"status": self.status, "priority": self.priority}


class CrossSettings(SingletonResource):
    theme: str = "light"


class CrossVersionedSettings(SingletonVersionedResource):
    level: int = 0


def _customer_key(resource):
    return f"customer#{resource.customer_id}"


class CrossPayment(DynamoDbVersionedResource):
    """The Java hierarchy CrossPayment (Card, bank, Voucher) as one model: the discriminator is the field 'type'."""

    gsi_config: ClassVar[dict] = {"gsi1": {"gsi1pk": _customer_key}}
    type: str
    customer_id: str
    last4: Optional[str] = None
    iban: Optional[str] = None
    cents: Optional[int] = None


TYPES = {
    cls.__name__: cls
    for cls in (
        CrossTicket,
        CrossSettings,
        CrossVersionedSettings,
        CrossPayment,
        CrossDoc,
        CrossLedger,
        CrossCapped,
        CrossAllTypes,
        CrossAllTypesPacked,
        CrossEvent,
        CrossMonthly,
        CrossKeyed,
        CrossFlagged,
        CrossSeq,
        CrossStamp,
        CrossNote,
        CrossLoosePlain,
        CrossLoosePacked,
        CrossLooseVersioned,
        CrossLooseFlat,
        CrossBlobDoc,
        CrossBlobNote,
        CrossAudited,
    )
}


# ---- answers ---------------------------------------------------------------------------------------------------


def _jsonable(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Binary):
        return base64.b64encode(value.value).decode()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if isinstance(value, BaseModel):
        return value.model_dump()
    raise TypeError(f"Cannot answer a {type(value).__name__}")


def dump(resource):
    if resource is None:
        return None
    fields = {name: getattr(resource, name) for name in type(resource).model_fields}
    return {"fields": fields, "types": {name: type(value).__name__ for name, value in fields.items()}}


# ---- commands --------------------------------------------------------------------------------------------------


class Driver:
    def __init__(self, endpoint, table_name):
        params = {
            "region_name": "us-east-1",
            "aws_access_key_id": "dummy",
            "aws_secret_access_key": "dummy",
        }
        self.table_name = table_name
        self.endpoint = endpoint
        self.params = params
        self.memory = DynamoDbMemory(
            logger=logging.getLogger("crosslang"),
            table_name=table_name,
            endpoint_url=endpoint,
            connection_params=params,
        )
        self.held = {}

    def type_of(self, command):
        return TYPES[command["type"]]

    def existing(self, command):
        if "held" in command:
            return self.held[command["held"]]
        return self.memory.read_existing(command["id"], self.type_of(command), consistent_read=True)

    def op_create_table(self, command):
        resource = boto3.resource("dynamodb", endpoint_url=self.endpoint, **self.params)
        names = resource.meta.client.list_tables()["TableNames"]
        if self.table_name in names:
            return False
        create_standard_dynamodb_table(self.table_name, resource)
        return True

    def op_version(self, command):
        return {"simplesingletable": getattr(simplesingletable, "package_version", None), "pydantic": pydantic.VERSION}

    def op_create(self, command):
        created = self.memory.create_new(self.type_of(command), command["data"], override_id=command.get("id"))
        return dump(created)

    def op_get(self, command):
        found = self.memory.get_existing(
            command["id"], self.type_of(command), version=command.get("version", 0), consistent_read=True
        )
        if "hold" in command and found is not None:
            self.held[command["hold"]] = found
        return dump(found)

    def op_update(self, command):
        clear = set(command["clear"]) if command.get("clear") else None
        updated = self.memory.update_existing(self.existing(command), command.get("data", {}), clear_fields=clear)
        return dump(updated)

    def op_versions(self, command):
        return [dump(v) for v in self.memory.get_all_versions(command["id"], self.type_of(command))]

    def op_list(self, command):
        found = self.memory.list_type_by_updated_at(
            self.type_of(command), results_limit=command.get("limit"), ascending=command.get("ascending", False)
        )
        return [dump(r) for r in found]

    def op_query(self, command):
        condition = Key(command["partition_attribute"]).eq(command["partition"])
        if "sort_between" in command:
            low, high = command["sort_between"]
            condition = condition & Key(command["sort_attribute"]).between(low, high)
        found = self.memory.paginated_dynamodb_query(
            key_condition=condition,
            index_name=command.get("index"),
            resource_class=self.type_of(command),
            ascending=command.get("ascending", True),
        )
        return [dump(r) for r in found]

    def op_delete(self, command):
        self.memory.delete_existing(self.existing(command))
        return True

    def op_delete_all_versions(self, command):
        self.memory.delete_all_versions(command["id"], self.type_of(command))
        return True

    def op_transaction_updates(self, command):
        """One memory.transaction() per entry of "updates": the transactional path, which never prunes."""
        cls = self.type_of(command)
        for updates in command["updates"]:
            with self.memory.transaction() as txn:
                txn.update(cls, command["id"], updates=updates)
        return dump(self.memory.read_existing(command["id"], cls, consistent_read=True))

    # ---- blob fields and the audit log (issue 16) ----

    def op_configure_s3(self, command):
        """Points the library's blob storage at an S3 endpoint of its own (path-style, no cache)."""
        from botocore.config import Config
        from simplesingletable.blob_storage import S3BlobStorage

        client = boto3.client(
            "s3", endpoint_url=command["endpoint"], config=Config(s3={"addressing_style": "path"}), **self.params
        )
        self.memory.s3_bucket = command["bucket"]
        self.memory.s3_key_prefix = command.get("prefix")
        self.memory._s3_blob_storage = S3BlobStorage(
            bucket_name=command["bucket"], key_prefix=command.get("prefix"), s3_client=client, cache_enabled=False
        )
        return True

    def op_blob_create(self, command):
        data = dict(command["data"])
        if "raw_base64" in data:
            data["raw"] = base64.b64decode(data.pop("raw_base64"))
        created = self.memory.create_new(self.type_of(command), data, override_id=command.get("id"))
        return dump(created)

    def op_blob_update(self, command):
        data = dict(command.get("data", {}))
        if "raw_base64" in data:
            data["raw"] = base64.b64decode(data.pop("raw_base64"))
        existing = self.memory.read_existing(command["id"], self.type_of(command), consistent_read=True)
        return dump(self.memory.update_existing(existing, data))

    def op_blob_copy(self, command):
        """copy_blob: the source's blob field onto the target's latest version, in place (no new version)."""
        kind = self.type_of(command)
        source = self.memory.read_existing(command["source_id"], kind, consistent_read=True)
        target = self.memory.read_existing(command["id"], kind, consistent_read=True)
        self.memory.copy_blob(source, command["field"], target, command["field"])
        return dump(self.memory.read_existing(command["id"], kind, consistent_read=True))

    def op_blob_get(self, command):
        found = self.memory.get_existing(
            command["id"],
            self.type_of(command),
            version=command.get("version", 0),
            consistent_read=True,
            load_blobs=True,
        )
        return dump(found)

    def op_audited_create(self, command):
        return dump(
            self.memory.create_new(
                self.type_of(command), command["data"], changed_by=command.get("by"), audit_metadata=command.get("meta")
            )
        )

    def op_audited_update(self, command):
        existing = self.memory.read_existing(command["id"], self.type_of(command), consistent_read=True)
        return dump(
            self.memory.update_existing(
                existing, command["data"], changed_by=command.get("by"), audit_metadata=command.get("meta")
            )
        )

    def op_audited_delete(self, command):
        existing = self.memory.read_existing(command["id"], self.type_of(command), consistent_read=True)
        self.memory.delete_existing(existing, changed_by=command.get("by"))
        return True

    def op_stats(self, command):
        """The per-type counts of the MemoryStats row (created by get_stats when missing)."""
        return self.memory.get_stats().counts_by_type

    def op_audit_logs_for_resource(self, command):
        from simplesingletable import AuditLogQuerier

        logs = AuditLogQuerier(self.memory).get_logs_for_resource(command["type"], command["id"])
        return [log.model_dump() for log in logs]

    def op_audit_logs_by_changer(self, command):
        from simplesingletable import AuditLogQuerier

        logs = AuditLogQuerier(self.memory).get_logs_by_changer(command["by"], resource_type=command.get("type"))
        return [log.model_dump() for log in logs]

    def op_list_filtered(self, command):
        """list_type_by_updated_at with a server-side filter on one attribute path, e.g. "metadata.status"."""
        found = self.memory.list_type_by_updated_at(
            self.type_of(command), filter_expression=Attr(command["path"]).eq(command["value"])
        )
        return [dump(r) for r in found]

    def op_singleton_ensure(self, command):
        return dump(self.type_of(command).ensure_exists(self.memory))

    def op_raw(self, command):
        response = self.memory.dynamodb_table.get_item(
            Key={"pk": command["pk"], "sk": command["sk"]}, ConsistentRead=True
        )
        return response.get("Item")


def main():
    endpoint, table_name = sys.argv[1], sys.argv[2]
    driver = Driver(endpoint, table_name)
    emit({"ready": True})
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            command = json.loads(line)
            handler = getattr(driver, "op_" + command["op"], None)
            if handler is None:
                raise ValueError(f"Unknown op {command['op']!r}")
            emit({"ok": True, "result": handler(command)})
        except Exception as failure:  # every failure is an answer; the Java side decides what it means
            traceback.print_exc(file=sys.stderr)
            emit({"ok": False, "error": type(failure).__name__, "message": str(failure)})


if __name__ == "__main__":
    main()
