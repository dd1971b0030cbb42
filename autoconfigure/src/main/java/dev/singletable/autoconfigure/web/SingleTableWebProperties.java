package dev.singletable.autoconfigure.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Web settings of the single-table DynamoDB support, bound from {@code singletable.web.*}.
 *
 * @param problemDetails Problem responses for the exceptions of single-table storage.
 */
@ConfigurationProperties("singletable.web")
public record SingleTableWebProperties(@DefaultValue ProblemDetails problemDetails) {

	/**
	 * Problem responses for the exceptions of single-table storage.
	 *
	 * @param enabled Whether Spring MVC and WebFlux applications answer the exceptions of single-table storage with
	 * RFC 9457 problem responses (409 for version conflicts and existing ids, 404 for missing resources, 400 for
	 * invalid cursors, ids and sorts, 413 for items over 400 KB, 503 for drifted indexes and an unreachable or
	 * throttling DynamoDB). The application's own exception handlers win either way.
	 */
	public record ProblemDetails(@DefaultValue("true") boolean enabled) {

	}

}
