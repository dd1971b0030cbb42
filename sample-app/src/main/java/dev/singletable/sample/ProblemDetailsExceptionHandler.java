package dev.singletable.sample;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.singletable.core.InvalidResourceIdException;
import dev.singletable.core.ItemTooLargeException;
import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.query.InvalidCursorException;

/**
 * Turns every failure of the API into an RFC 9457 problem details body ({@code application/problem+json}): Spring
 * MVC's own exceptions through {@link ResponseEntityExceptionHandler} (invalid input is {@code 400} with an
 * {@code errors} list naming each field), and the storage exceptions of the starter:
 * <ul>
 * <li>{@link NoSuchResourceException} — {@code 404 Not Found};</li>
 * <li>{@link VersionConflictException} (any {@link OptimisticLockingFailureException}) — {@code 409 Conflict}
 * with the version the client sent and the current one; nothing was written;</li>
 * <li>{@link InvalidCursorException} and {@link InvalidResourceIdException} — {@code 400 Bad Request};</li>
 * <li>{@link DuplicateKeyException} — {@code 409 Conflict};</li>
 * <li>{@link ItemTooLargeException} — {@code 413 Content Too Large}.</li>
 * </ul>
 */
@RestControllerAdvice
public class ProblemDetailsExceptionHandler extends ResponseEntityExceptionHandler {

	/**
	 * Answers a request for something that does not exist.
	 * @param ex the exception
	 * @return {@code 404} problem details
	 */
	@ExceptionHandler(NoSuchResourceException.class)
	public ProblemDetail handleNoSuchResource(NoSuchResourceException ex) {
		ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
		problem.setProperty("id", ex.getId());
		if (ex.getVersion() != null) {
			problem.setProperty("version", ex.getVersion());
		}
		return problem;
	}

	/**
	 * Answers a write based on a version that is no longer the latest.
	 * @param ex the exception
	 * @return {@code 409} problem details
	 */
	@ExceptionHandler(OptimisticLockingFailureException.class)
	public ProblemDetail handleConflict(OptimisticLockingFailureException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "Version conflict", ex.getMessage());
		if (ex instanceof VersionConflictException conflict) {
			problem.setProperty("id", conflict.getId());
			problem.setProperty("expectedVersion", conflict.getExpected());
			if (conflict.getActual() != null) {
				problem.setProperty("currentVersion", conflict.getActual());
			}
		}
		return problem;
	}

	/**
	 * Answers a create whose id exists already.
	 * @param ex the exception
	 * @return {@code 409} problem details
	 */
	@ExceptionHandler(DuplicateKeyException.class)
	public ProblemDetail handleDuplicate(DuplicateKeyException ex) {
		return problem(HttpStatus.CONFLICT, "Already exists", ex.getMessage());
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
	public ProblemDetail handleInvalidId(InvalidResourceIdException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid id", ex.getMessage());
	}

	/**
	 * Answers a write that would exceed DynamoDB's item size limit.
	 * @param ex the exception
	 * @return {@code 413} problem details
	 */
	@ExceptionHandler(ItemTooLargeException.class)
	public ProblemDetail handleTooLarge(ItemTooLargeException ex) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "Too large", ex.getMessage());
	}

	/**
	 * Lists each invalid field of a request body.
	 * @param ex the exception
	 * @param headers the headers
	 * @param status the status
	 * @param request the request
	 * @return {@code 400} problem details with an {@code errors} list
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<InvalidField> errors = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.add(new InvalidField(error.getField(), message(error)));
		}
		for (ObjectError error : ex.getBindingResult().getGlobalErrors()) {
			errors.add(new InvalidField(error.getObjectName(), message(error)));
		}
		return handleExceptionInternal(ex, invalid(ex.getBody(), errors), headers, status, request);
	}

	/**
	 * Lists each invalid request parameter or path variable.
	 * @param ex the exception
	 * @param headers the headers
	 * @param status the status
	 * @param request the request
	 * @return {@code 400} problem details with an {@code errors} list
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<InvalidField> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach((result) -> {
			String name = result.getMethodParameter().getParameterName();
			for (MessageSourceResolvable error : result.getResolvableErrors()) {
				errors.add(new InvalidField((name != null) ? name : "parameter", message(error)));
			}
		});
		return handleExceptionInternal(ex, invalid(ex.getBody(), errors), headers, status, request);
	}

	private static ProblemDetail invalid(ProblemDetail problem, List<InvalidField> errors) {
		problem.setTitle("Invalid request");
		problem.setDetail("The request is invalid and nothing was written: " + String.join("; ",
				errors.stream().map((error) -> error.field() + " " + error.message()).toList()) + ".");
		problem.setProperty("errors", errors);
		return problem;
	}

	private static String message(MessageSourceResolvable error) {
		String message = error.getDefaultMessage();
		return (message != null) ? message : "is invalid";
	}

	private static ProblemDetail problem(HttpStatus status, String title, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

	/**
	 * One invalid field or parameter of a request.
	 *
	 * @param field the field or parameter name
	 * @param message what is wrong with it
	 */
	public record InvalidField(String field, String message) {

	}

}
