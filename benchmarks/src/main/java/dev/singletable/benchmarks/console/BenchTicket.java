package dev.singletable.benchmarks.console;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * The type the console pages through: compressed, about 600 bytes of JSON, one index besides the type index.
 *
 * @param id the id
 * @param title a short title
 * @param owner whose ticket it is (gsi1)
 * @param status a status
 * @param body about 500 characters of text
 */
@SingleTableEntity(prefix = "BenchTicket", compression = SingleTableEntity.Compression.ENABLED)
@IndexKey(index = "gsi1", partition = "owner#{owner}")
public record BenchTicket(@Id String id, String title, String owner, String status, String body) {
}
