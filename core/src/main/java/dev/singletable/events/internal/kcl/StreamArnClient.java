package dev.singletable.events.internal.kcl;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsServiceClientConfiguration;

/**
 * The streams client the KCL is given when the stream's ARN names no AWS region: DynamoDB Local's ARNs name the
 * region {@code ddblocal}, which the DynamoDB Streams adapter refuses when it turns the KCL's stream identifier back
 * into an ARN. The KCL is handed the ARN with the client's region instead ({@link #kclArn(String, Region)}), and this
 * client maps it back to the stream's own in the requests that name a stream, and the stream's to the KCL's in the
 * answers.
 */
record StreamArnClient(DynamoDbStreamsClient delegate, String kclArn,
		String streamArn) implements DynamoDbStreamsClient {

	/** The region DynamoDB Local names in its ARNs. */
	static final String LOCAL_REGION = "ddblocal";

	/**
	 * Returns the ARN the KCL can take for a stream: the stream's own, unless it names no AWS region.
	 */
	static String kclArn(String streamArn, Region region) {
		return streamArn.contains(":" + LOCAL_REGION + ":") ? streamArn.replace(":" + LOCAL_REGION + ":",
				":" + region.id() + ":") : streamArn;
	}

	/**
	 * Returns the client the KCL is given: the client itself when the KCL takes the stream's own ARN.
	 */
	static DynamoDbStreamsClient forKcl(DynamoDbStreamsClient client, String kclArn, String streamArn) {
		return kclArn.equals(streamArn) ? client : new StreamArnClient(client, kclArn, streamArn);
	}

	private String toStream(String arn) {
		return this.kclArn.equals(arn) ? this.streamArn : arn;
	}

	private String toKcl(String arn) {
		return this.streamArn.equals(arn) ? this.kclArn : arn;
	}

	@Override
	public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
		DescribeStreamResponse response = this.delegate
			.describeStream(request.toBuilder().streamArn(toStream(request.streamArn())).build());
		return response.toBuilder()
			.streamDescription(response.streamDescription()
				.toBuilder()
				.streamArn(toKcl(response.streamDescription().streamArn()))
				.build())
			.build();
	}

	@Override
	public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
		return this.delegate.getShardIterator(request.toBuilder().streamArn(toStream(request.streamArn())).build());
	}

	@Override
	public GetRecordsResponse getRecords(GetRecordsRequest request) {
		return this.delegate.getRecords(request);
	}

	@Override
	public ListStreamsResponse listStreams(ListStreamsRequest request) {
		return this.delegate.listStreams(request);
	}

	@Override
	public String serviceName() {
		return this.delegate.serviceName();
	}

	@Override
	public DynamoDbStreamsServiceClientConfiguration serviceClientConfiguration() {
		return this.delegate.serviceClientConfiguration();
	}

	@Override
	public void close() {
		// the application's client: closed by whoever created it
	}

}
