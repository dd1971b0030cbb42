package dev.singletable.repository.singleton;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned, audited singleton, for the life of a singleton through a repository.
 *
 * @param id the id (always the type's name)
 * @param version the version
 * @param updatedAt when it last changed
 * @param theme the theme
 */
@SingleTableEntity(versioned = true, singleton = true)
@Audited
public record Preferences(@Id String id, @Version Long version, @LastModifiedDate Instant updatedAt, String theme) {

	Preferences withTheme(String theme) {
		return new Preferences(this.id, this.version, this.updatedAt, theme);
	}

}
