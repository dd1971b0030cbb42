package dev.singletable.core.internal.operation;

/**
 * The plans of a template's operations, built once per template: its entity writes, its deletes and its operations
 * of one unit, which its facade (blocking or reactive) runs on its driver with its caller's answers.
 * @param entities create, update, save, restore
 * @param deletes delete, deleteById, deleteAllById, deleteVersion
 * @param units atomic updates, a transaction's checks, refusals
 */
public record OperationPlans(EntityOperations entities, DeleteOperations deletes, UnitOperations units) {
}
