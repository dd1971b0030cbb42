package dev.singletable.internal.direct;

import java.util.concurrent.CompletableFuture;

import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Request;

/**
 * Sends the S3 requests without a body that a blob storage's plan makes
 * ({@link dev.singletable.internal.plan.Request.S3}) on the client it is given, blocking or async: the one table
 * of those requests, each with the call of either client that sends it, which {@link ObjectDriver} and
 * {@link ReactiveObjectDriver} both read.
 */
final class S3Requests {

	/** The call of each client for each request, by the request's class. */
	private static final RequestTable<ClientCall<S3Client, S3AsyncClient, ?>> CALLS = new RequestTable<>(
			ClientCall::kind, (request) -> new IllegalStateException("A blob storage does not send " + request),
			new ClientCall<>(HeadObjectRequest.class, S3Client::headObject, S3AsyncClient::headObject),
			new ClientCall<>(CopyObjectRequest.class, S3Client::copyObject, S3AsyncClient::copyObject),
			new ClientCall<>(DeleteObjectRequest.class, S3Client::deleteObject, S3AsyncClient::deleteObject),
			new ClientCall<>(DeleteObjectsRequest.class, S3Client::deleteObjects, S3AsyncClient::deleteObjects),
			new ClientCall<>(ListObjectsV2Request.class, S3Client::listObjectsV2, S3AsyncClient::listObjectsV2));

	private S3Requests() {
	}

	/**
	 * Sends a request on the blocking client.
	 * @throws IllegalStateException when the request is not one of the table's
	 */
	static Object send(S3Client client, S3Request request) {
		return CALLS.entryOf(request).blocking(client, request);
	}

	/**
	 * Sends a request on the async client.
	 * @throws IllegalStateException when the request is not one of the table's
	 */
	static CompletableFuture<?> send(S3AsyncClient client, S3Request request) {
		return CALLS.entryOf(request).async(client, request);
	}

}
