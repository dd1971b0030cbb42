package dev.singletable.archfixture.sdk;

import software.amazon.awssdk.core.SdkClient;

/** A client of the SDK: every one of them ({@code DynamoDbClient}, {@code S3Client}, ...) is an {@link SdkClient}. */
public interface FixtureClient extends SdkClient {

	String describe(String name);

}
