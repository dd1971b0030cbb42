package dev.singletable.core;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.fixtures.Document;
import dev.singletable.core.fixtures.Task;
import dev.singletable.test.DynamoDbLocalExtension;

class ScratchProbeTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@Test
	void probe() {
		SingleTableTemplate t = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		Document d = t.create(Document.of("x"));
		Task task = t.create(Task.of("t", Task.Status.OPEN, "ann", java.time.LocalDate.of(2026, 1, 1), 1));
		try_("increment versioned", () -> t.transaction((tx) -> tx.increment(Document.class, d.id(), "weight", 1)));
		try_("increment versioned outside", () -> t.increment(Document.class, d.id(), "weight", 1));
		try_("addToSet versioned", () -> t.transaction((tx) -> tx.addToSet(Document.class, d.id(), "labels", "q")));
		try_("update no version", () -> t.transaction((tx) -> tx.update(new Document(d.id(), null, d.createdAt(), d.updatedAt(), "y", null, null))));
		try_("update no id", () -> t.transaction((tx) -> tx.update(Document.of("noid"))));
		try_("requireVersion 0", () -> t.transaction((tx) -> tx.requireVersion(Document.class, d.id(), 0)));
		try_("requireVersion plain", () -> t.transaction((tx) -> tx.requireVersion(task, 1)));
		try_("create null", () -> t.transaction((tx) -> tx.create(null)));
		try_("deleteById null", () -> t.transaction((tx) -> tx.deleteById(Document.class, null)));
		try_("deleteById blank", () -> t.transaction((tx) -> tx.deleteById(Document.class, "")));
		try_("unknown type", () -> t.transaction((tx) -> tx.requireExists(String.class, "a")));
		try_("restore missing version", () -> t.transaction((tx) -> tx.restoreVersion(Document.class, d.id(), 9)));
		try_("restore missing resource", () -> t.transaction((tx) -> tx.restoreVersion(Document.class, "nope", 1)));
		try_("create versioned with version", () -> t.transaction((tx) -> tx.create(new Document("withv", 5, null, null, "x", null, null))));
		try_("save versioned given id no version", () -> t.transaction((tx) -> tx.save(new Document(d.id(), null, null, null, "x", null, null))));
		try_("update plain no updatedAt", () -> t.transaction((tx) -> tx.update(new Task(task.id(), null, null, "t", Task.Status.OPEN, "a", null, 1, 0, Set.of(), List.of(), java.util.Map.of()))));
		try_("delete plain no updatedAt", () -> t.transaction((tx) -> tx.delete(new Task(task.id(), null, null, "t", Task.Status.OPEN, "a", null, 1, 0, Set.of(), List.of(), java.util.Map.of()))));
		try_("readTx null type", () -> t.readTransaction((r) -> r.get(null, "a")));
		try_("readTx empty", () -> System.out.println("empty snapshot " + t.readTransaction((r) -> {})));
		try_("tx null", () -> t.transaction((Consumer<SingleTableTransaction>) null));
		try_("appendToList wrong type", () -> t.transaction((tx) -> tx.appendToList(Task.class, task.id(), "tags", "x")));
		try_("addToSet on list", () -> t.transaction((tx) -> tx.addToSet(Task.class, task.id(), "log", "x")));
		try_("increment map entry", () -> t.transaction((tx) -> tx.increment(Task.class, task.id(), "counts.a", 2)));
		System.out.println("PROBE task after " + t.getById(Task.class, task.id()));
		System.out.println("PROBE doc after " + t.getById(Document.class, d.id()) + " keys " + dynamo.sortKeys("Document#" + d.id()));
	}

	static void try_(String name, Runnable r) {
		try {
			r.run();
			System.out.println("PROBE " + name + ": OK");
		}
		catch (RuntimeException ex) {
			System.out.println("PROBE " + name + ": " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

}
