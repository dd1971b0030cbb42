package dev.singletable.autoconfigure.web;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import software.amazon.awssdk.core.exception.SdkException;

import dev.singletable.core.CommitOutcomeUnknownException;
import dev.singletable.core.DuplicateResourceException;
import dev.singletable.core.InvalidResourceIdException;
import dev.singletable.core.ItemTooLargeException;
import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.SingletonUsageException;
import dev.singletable.core.TransactionCancelledException;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.query.InvalidCursorException;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.core.schema.IndexDriftException;
import dev.singletable.core.schema.StaleDefinitionsException;

/**
 * Answers the exceptions of single-table storage that a request can cause with RFC 9457 problem details
 * ({@code application/problem+json}) instead of a {@code 500}, in Spring MVC and Spring WebFlux alike. The
 * {@code detail} is the exception's message, which names the resource and says that nothing was written; the
 * entity type is the extension member {@code entityType} (its simple name), never the problem's {@code type}, which
 * RFC 9457 reserves for a problem type URI and which stays {@code about:blank}.
 * <ul>
 * <li>{@link VersionConflictException}: {@code 409 Conflict}, title "Version conflict", with {@code entityType},
 * {@code id}, {@code expectedVersion} (the version the write was based on) and, when known,
 * {@code currentVersion};</li>
 * <li>{@link DuplicateResourceException}: {@code 409 Conflict}, title "Already exists", with {@code entityType} and
 * {@code id};</li>
 * <li>{@link NoSuchResourceException}: {@code 404 Not Found}, title "Not found", with {@code entityType}, {@code id}
 * and, for a version that does not exist, {@code version};</li>
 * <li>{@link InvalidCursorException}, {@link InvalidResourceIdException}, {@link SingletonUsageException} and
 * {@link InvalidSortException}: {@code 400 Bad Request}, titles "Invalid cursor", "Invalid id", "Not a singleton
 * id" and "Invalid sort" (with {@code sortable}, the properties the query can be sorted by, when known);</li>
 * <li>{@link ItemTooLargeException}: {@code 413 Content Too Large}, title "Too large", with {@code entityType},
 * {@code id}, {@code size} and {@code maxSize} in bytes;</li>
 * <li>{@link TransactionCancelledException}: {@code 409 Conflict}, title "Transaction cancelled", with
 * {@code failures}: per failed operation its {@code operation}, {@code entityType}, {@code id} and {@code reason};</li>
 * <li>{@link IndexDriftException}: {@code 503 Service Unavailable}, title "Index not ready", with {@code entityType}
 * and {@code index} (a query of an index whose stored items do not match the definitions yet; the fix is logged at
 * start-up, not answered to clients);</li>
 * <li>DynamoDB unreachable or not answering in time ({@code DataAccessResourceFailureException},
 * {@code QueryTimeoutException}, a {@link CommitOutcomeUnknownException} of a refused connection) or still
 * throttling after retries ({@code TransientDataAccessResourceException}): {@code 503 Service Unavailable}, titles
 * "Storage unavailable" and "Storage busy", with a {@code Retry-After} header (see {@link #retryAfter});</li>
 * <li>{@link StaleDefinitionsException}: {@code 503 Service Unavailable}, title "Definitions out of date", with
 * {@code entityType} and {@code migration} (a write refused on an instance running older definitions than another
 * instance of the fleet recorded).</li>
 * </ul>
 * It is ordered last among the controller advice beans, so an {@code @ExceptionHandler} of the application, in a
 * controller or in its own advice, wins for any exception it handles. Subclass it and declare the subclass as a
 * bean to change an answer; set {@code singletable.web.problem-details.enabled=false} to switch it off.
 */
@RestControllerAdvice
public class SingleTableProblemDetailsExceptionHandler implements Ordered {

	/**
	 * Answers a write based on a version that is no longer the latest.
	 * @param ex the exception
	 * @return {@code 409} problem details
	 */
	@ExceptionHandler(VersionConflictException.class)
	public ProblemDetail handleVersionConflict(VersionConflictException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "Version conflict", ex.getMessage());
		problem.setProperty("entityType", ex.getEntityType().getSimpleName());
		problem.setProperty("id", ex.getId());
		problem.setProperty("expectedVersion", ex.getExpected());
		if (ex.getActual() != null) {
			problem.setProperty("currentVersion", ex.getActual());
		}
		return problem;
	}

	/**
	 * Answers a create whose id exists already.
	 * @param ex the exception
	 * @return {@code 409} problem details
	 */
	@ExceptionHandler(DuplicateResourceException.class)
	public ProblemDetail handleDuplicateResource(DuplicateResourceException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "Already exists", ex.getMessage());
		problem.setProperty("entityType", ex.getEntityType().getSimpleName());
		problem.setProperty("id", ex.getId());
		return problem;
	}

	/**
	 * Answers a request for a resource, or a version of it, that does not exist.
	 * @param ex the exception
	 * @return {@code 404} problem details
	 */
	@ExceptionHandler(NoSuchResourceException.class)
	public ProblemDetail handleNoSuchResource(NoSuchResourceException ex) {
		ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
		problem.setProperty("entityType", ex.getEntityType().getSimpleName());
		problem.setProperty("id", ex.getId());
		if (ex.getVersion() != null) {
			problem.setProperty("version", ex.getVersion());
		}
		return problem;
	}

	/**
	 * Answers a page request with a cursor that this listing did not issue.
	 * @param ex the exception
	 * @return {@code 400} problem details
	 */
	@ExceptionHandler(InvalidCursorException.class)
	public ProblemDetail handleInvalidCursor(InvalidCursorException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid cursor", ex.getMessage());
	}

	/**
	 * Answers a request with an id that cannot be a resource id.
	 * @param ex the exception
	 * @return {@code 400} problem details
	 */
	@ExceptionHandler(InvalidResourceIdException.class)
	public ProblemDetail handleInvalidResourceId(InvalidResourceIdException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid id", ex.getMessage());
	}

	/**
	 * Answers a request that names a singleton type's resource by another id.
	 * @param ex the exception
	 * @return {@code 400} problem details
	 */
	@ExceptionHandler(SingletonUsageException.class)
	public ProblemDetail handleSingletonUsage(SingletonUsageException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Not a singleton id", ex.getMessage());
	}

	/**
	 * Answers a request for an order the query cannot return.
	 * @param ex the exception
	 * @return {@code 400} problem details
	 */
	@ExceptionHandler(InvalidSortException.class)
	public ProblemDetail handleInvalidSort(InvalidSortException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid sort", ex.getMessage());
		if (!ex.getSortableProperties().isEmpty()) {
			problem.setProperty("sortable", ex.getSortableProperties());
		}
		return problem;
	}

	/**
	 * Answers a transaction DynamoDB cancelled (a {@code @Transactional} method's commit, a
	 * {@code template.transaction}): nothing of it was written.
	 * @param ex the exception
	 * @return {@code 409} problem details
	 */
	@ExceptionHandler(TransactionCancelledException.class)
	public ProblemDetail handleTransactionCancelled(TransactionCancelledException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "Transaction cancelled", ex.getMessage());
		List<Map<String, Object>> failures = ex.getFailures().stream().map((failure) -> {
			Map<String, Object> described = new LinkedHashMap<>();
			described.put("operation", failure.operation());
			described.put("entityType", failure.entityType().getSimpleName());
			described.put("id", failure.id());
			described.put("reason", failure.reason().name());
			return described;
		}).toList();
		problem.setProperty("failures", failures);
		return problem;
	}

	/**
	 * Answers a write whose item would exceed DynamoDB's item size limit.
	 * @param ex the exception
	 * @return {@code 413} problem details
	 */
	@ExceptionHandler(ItemTooLargeException.class)
	public ProblemDetail handleItemTooLarge(ItemTooLargeException ex) {
		ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "Too large", ex.getMessage());
		problem.setProperty("entityType", ex.getEntityType().getSimpleName());
		problem.setProperty("id", ex.getId());
		problem.setProperty("size", ex.getSize());
		problem.setProperty("maxSize", ItemTooLargeException.MAX_ITEM_BYTES);
		return problem;
	}

	/**
	 * Answers a query refused because the index it reads no longer matches the stored items: the service cannot
	 * answer it until a backfill brings them up to date.
	 * @param ex the exception
	 * @return {@code 503} problem details
	 */
	@ExceptionHandler(IndexDriftException.class)
	public ProblemDetail handleIndexDrift(IndexDriftException ex) {
		String index = ex.getIndex();
		String type = ex.getType().getSimpleName();
		ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "Index not ready",
				((index != null) ? "Index '" + index + "' of " + type + " does not match the stored items yet: "
						+ ex.getDrift().change() + ". Queries of it answer again"
						: "The indexes of " + type + " do not match the stored items yet: " + ex.getDrift().change()
								+ ". Queries of them answer again")
						+ " once the items are brought up to date.");
		problem.setProperty("entityType", type);
		if (index != null) {
			problem.setProperty("index", index);
		}
		return problem;
	}

	/**
	 * Answers a request that DynamoDB could not serve: unreachable (connection refused, an unknown host, no answer
	 * in time) or still throttling (or failing) after the AWS SDK's retries. A write is answered so only when it was
	 * never sent (every attempt failed to connect); a write whose answer was lost stays a
	 * {@link CommitOutcomeUnknownException}, as the application must read before writing again. Exceptions of the same
	 * Spring types that do not come from the AWS SDK (another data store's) are left to the application's other
	 * handlers.
	 * @param ex the exception
	 * @return {@code 503} problem details with a {@code Retry-After} header
	 * @throws DataAccessException {@code ex} itself, when it does not come from DynamoDB
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, QueryTimeoutException.class,
			TransientDataAccessResourceException.class, CommitOutcomeUnknownException.class })
	public ResponseEntity<ProblemDetail> handleUnavailable(DataAccessException ex) {
		boolean throttled = ex instanceof TransientDataAccessResourceException;
		SdkException sdk = cause(ex, SdkException.class);
		if (sdk == null || (ex instanceof CommitOutcomeUnknownException && !neverSent(sdk))) {
			throw ex;
		}
		ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE,
				throttled ? "Storage busy" : "Storage unavailable",
				throttled ? "DynamoDB did not accept the request after retries (throttled, or failing). Try again later."
						: "DynamoDB could not be reached (no connection, or no answer in time after retries). "
								+ "Try again later.");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter(ex).toSeconds())))
			.body(problem);
	}

	/**
	 * Returns how long a client should wait before it sends a request again that DynamoDB could not serve: the
	 * {@code Retry-After} header of the {@code 503} answer. Override it to change it.
	 * @param ex the exception
	 * @return 5 seconds
	 */
	protected Duration retryAfter(DataAccessException ex) {
		return Duration.ofSeconds(5);
	}

	/**
	 * Whether no attempt of a request reached DynamoDB: each attempt (the last one, and the earlier ones the SDK adds
	 * as suppressed exceptions) failed to connect, or got no connection from the HTTP client's pool in time (the
	 * Netty client's acquire timeout: the request was never written to a connection).
	 */
	private static boolean neverSent(SdkException ex) {
		if (!notConnected(ex)) {
			return false;
		}
		for (Throwable earlier : ex.getSuppressed()) {
			if (!notConnected(earlier)) {
				return false;
			}
		}
		return true;
	}

	private static boolean notConnected(Throwable attempt) {
		if (cause(attempt, ConnectException.class) != null || cause(attempt, UnknownHostException.class) != null) {
			return true;
		}
		TimeoutException timeout = cause(attempt, TimeoutException.class);
		return timeout != null && timeout.getMessage() != null && timeout.getMessage().startsWith("Acquire operation");
	}

	private static <E extends Throwable> @Nullable E cause(Throwable ex, Class<E> type) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	/**
	 * Answers a write refused because this instance runs older definitions of the type than another instance of the
	 * fleet recorded: another instance (of the newer version) can serve it.
	 * @param ex the exception
	 * @return {@code 503} problem details, with {@code entityType} and, when a migration recorded the newer
	 * definitions, {@code migration}
	 */
	@ExceptionHandler(StaleDefinitionsException.class)
	public ProblemDetail handleStaleDefinitions(StaleDefinitionsException ex) {
		String type = ex.getType().getSimpleName();
		ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "Definitions out of date",
				"Writes of " + type + " are refused on this instance: it runs older definitions of " + type
						+ " than the table holds. Another instance of the service answers it.");
		problem.setProperty("entityType", type);
		if (ex.getRecordedByMigration() != null) {
			problem.setProperty("migration", ex.getRecordedByMigration());
		}
		return problem;
	}

	/**
	 * Creates problem details.
	 * @param status the status
	 * @param title the title
	 * @param detail the detail, usually the exception's message
	 * @return the problem details
	 */
	protected ProblemDetail problem(HttpStatus status, String title, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

	/**
	 * Returns {@link Ordered#LOWEST_PRECEDENCE}: the advice of the application comes first.
	 * @return the order
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
