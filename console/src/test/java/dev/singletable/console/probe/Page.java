package dev.singletable.console.probe;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned type whose blobs are an HTML page and a script: content that would run if the console served it
 * inline on its own origin.
 */
@SingleTableEntity(versioned = true)
public record Page(@Id String id, @Version Long version, String title,
		@BlobField(contentType = "text/html;charset=UTF-8") String html,
		@BlobField(contentType = "text/javascript") String script) {

	public Page withTitle(String title) {
		return new Page(this.id, this.version, title, this.html, this.script);
	}

}
