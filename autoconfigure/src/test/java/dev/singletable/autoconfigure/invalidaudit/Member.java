package dev.singletable.autoconfigure.invalidaudit;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * An entity that cannot be audited as declared: its {@code exclude} misspells {@code passwordHash}.
 *
 * @param id the identifier
 * @param version the version
 * @param email the email address
 * @param passwordHash the password hash
 */
@SingleTableEntity
@Audited(exclude = "passwordHsh")
public record Member(@Id String id, @Version Long version, String email, String passwordHash) {

}
