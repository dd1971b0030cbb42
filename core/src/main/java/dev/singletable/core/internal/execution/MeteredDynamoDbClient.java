package dev.singletable.core.internal.execution;

import java.util.function.Function;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CreateBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateBackupResponse;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalTableResponse;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteBackupResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteResourcePolicyRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteResourcePolicyResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeBackupResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContributorInsightsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeEndpointsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeEndpointsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeExportRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeExportResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeGlobalTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeGlobalTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeGlobalTableSettingsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeGlobalTableSettingsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeImportRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeImportResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeKinesisStreamingDestinationResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeLimitsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableReplicaAutoScalingRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableReplicaAutoScalingResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.DisableKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.DisableKinesisStreamingDestinationResponse;
import software.amazon.awssdk.services.dynamodb.model.EnableKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.EnableKinesisStreamingDestinationResponse;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionResponse;
import software.amazon.awssdk.services.dynamodb.model.ExportTableToPointInTimeRequest;
import software.amazon.awssdk.services.dynamodb.model.ExportTableToPointInTimeResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetResourcePolicyRequest;
import software.amazon.awssdk.services.dynamodb.model.GetResourcePolicyResponse;
import software.amazon.awssdk.services.dynamodb.model.ImportTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ImportTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.ListContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListContributorInsightsResponse;
import software.amazon.awssdk.services.dynamodb.model.ListExportsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListExportsResponse;
import software.amazon.awssdk.services.dynamodb.model.ListGlobalTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListGlobalTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ListImportsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListImportsResponse;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutResourcePolicyRequest;
import software.amazon.awssdk.services.dynamodb.model.PutResourcePolicyResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableFromBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableFromBackupResponse;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableToPointInTimeRequest;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableToPointInTimeResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.SearchVectorsRequest;
import software.amazon.awssdk.services.dynamodb.model.SearchVectorsResponse;
import software.amazon.awssdk.services.dynamodb.model.TagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.TagResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateContributorInsightsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalTableResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalTableSettingsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalTableSettingsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateKinesisStreamingDestinationResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableReplicaAutoScalingRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableReplicaAutoScalingResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The {@link DynamoDbClient} of {@link MeteredClient#of}: every operation is sent to the application's client with
 * the request asking for its consumed capacity where it can ({@link RequestReports#withCapacity}), and its answer or
 * failure is reported for the operation running on the thread. Written as a class, not a
 * {@code java.lang.reflect.Proxy}: a proxy of the client interface resolves the request and response types of every
 * method when it is made (about a thousand model classes loaded when the template is created, half a second of a cold
 * start); this class loads the types of an operation when the operation is first sent. The paginators and the
 * overloads taking a builder are the interface's own, which send through these methods.
 */
final class MeteredDynamoDbClient implements DynamoDbClient {

	private final DynamoDbClient delegate;

	private final RequestReports reports;

	private final Observations observations;

	MeteredDynamoDbClient(DynamoDbClient delegate, RequestReports reports, Observations observations) {
		this.delegate = delegate;
		this.reports = reports;
		this.observations = observations;
	}

	@SuppressWarnings("unchecked")
	private <Q, R> R send(Q request, Function<Q, R> operation) {
		R response;
		try {
			response = operation.apply((Q) RequestReports.withCapacity(request));
		}
		catch (RuntimeException | Error ex) {
			this.reports.failed(ex, this.observations.current());
			throw ex;
		}
		this.reports.answered(response, this.observations.current());
		return response;
	}

	@Override
	public BatchExecuteStatementResponse batchExecuteStatement(BatchExecuteStatementRequest request) {
		return send(request, this.delegate::batchExecuteStatement);
	}

	@Override
	public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
		return send(request, this.delegate::batchGetItem);
	}

	@Override
	public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
		return send(request, this.delegate::batchWriteItem);
	}

	@Override
	public CreateBackupResponse createBackup(CreateBackupRequest request) {
		return send(request, this.delegate::createBackup);
	}

	@Override
	public CreateGlobalTableResponse createGlobalTable(CreateGlobalTableRequest request) {
		return send(request, this.delegate::createGlobalTable);
	}

	@Override
	public CreateTableResponse createTable(CreateTableRequest request) {
		return send(request, this.delegate::createTable);
	}

	@Override
	public DeleteBackupResponse deleteBackup(DeleteBackupRequest request) {
		return send(request, this.delegate::deleteBackup);
	}

	@Override
	public DeleteItemResponse deleteItem(DeleteItemRequest request) {
		return send(request, this.delegate::deleteItem);
	}

	@Override
	public DeleteResourcePolicyResponse deleteResourcePolicy(DeleteResourcePolicyRequest request) {
		return send(request, this.delegate::deleteResourcePolicy);
	}

	@Override
	public DeleteTableResponse deleteTable(DeleteTableRequest request) {
		return send(request, this.delegate::deleteTable);
	}

	@Override
	public DescribeBackupResponse describeBackup(DescribeBackupRequest request) {
		return send(request, this.delegate::describeBackup);
	}

	@Override
	public DescribeContinuousBackupsResponse describeContinuousBackups(DescribeContinuousBackupsRequest request) {
		return send(request, this.delegate::describeContinuousBackups);
	}

	@Override
	public DescribeContributorInsightsResponse describeContributorInsights(DescribeContributorInsightsRequest request) {
		return send(request, this.delegate::describeContributorInsights);
	}

	@Override
	public DescribeEndpointsResponse describeEndpoints(DescribeEndpointsRequest request) {
		return send(request, this.delegate::describeEndpoints);
	}

	@Override
	public DescribeExportResponse describeExport(DescribeExportRequest request) {
		return send(request, this.delegate::describeExport);
	}

	@Override
	public DescribeGlobalTableResponse describeGlobalTable(DescribeGlobalTableRequest request) {
		return send(request, this.delegate::describeGlobalTable);
	}

	@Override
	public DescribeGlobalTableSettingsResponse describeGlobalTableSettings(DescribeGlobalTableSettingsRequest request) {
		return send(request, this.delegate::describeGlobalTableSettings);
	}

	@Override
	public DescribeImportResponse describeImport(DescribeImportRequest request) {
		return send(request, this.delegate::describeImport);
	}

	@Override
	public DescribeKinesisStreamingDestinationResponse describeKinesisStreamingDestination(DescribeKinesisStreamingDestinationRequest request) {
		return send(request, this.delegate::describeKinesisStreamingDestination);
	}

	@Override
	public DescribeLimitsResponse describeLimits(DescribeLimitsRequest request) {
		return send(request, this.delegate::describeLimits);
	}

	@Override
	public DescribeTableResponse describeTable(DescribeTableRequest request) {
		return send(request, this.delegate::describeTable);
	}

	@Override
	public DescribeTableReplicaAutoScalingResponse describeTableReplicaAutoScaling(DescribeTableReplicaAutoScalingRequest request) {
		return send(request, this.delegate::describeTableReplicaAutoScaling);
	}

	@Override
	public DescribeTimeToLiveResponse describeTimeToLive(DescribeTimeToLiveRequest request) {
		return send(request, this.delegate::describeTimeToLive);
	}

	@Override
	public DisableKinesisStreamingDestinationResponse disableKinesisStreamingDestination(DisableKinesisStreamingDestinationRequest request) {
		return send(request, this.delegate::disableKinesisStreamingDestination);
	}

	@Override
	public EnableKinesisStreamingDestinationResponse enableKinesisStreamingDestination(EnableKinesisStreamingDestinationRequest request) {
		return send(request, this.delegate::enableKinesisStreamingDestination);
	}

	@Override
	public ExecuteStatementResponse executeStatement(ExecuteStatementRequest request) {
		return send(request, this.delegate::executeStatement);
	}

	@Override
	public ExecuteTransactionResponse executeTransaction(ExecuteTransactionRequest request) {
		return send(request, this.delegate::executeTransaction);
	}

	@Override
	public ExportTableToPointInTimeResponse exportTableToPointInTime(ExportTableToPointInTimeRequest request) {
		return send(request, this.delegate::exportTableToPointInTime);
	}

	@Override
	public GetItemResponse getItem(GetItemRequest request) {
		return send(request, this.delegate::getItem);
	}

	@Override
	public GetResourcePolicyResponse getResourcePolicy(GetResourcePolicyRequest request) {
		return send(request, this.delegate::getResourcePolicy);
	}

	@Override
	public ImportTableResponse importTable(ImportTableRequest request) {
		return send(request, this.delegate::importTable);
	}

	@Override
	public ListBackupsResponse listBackups(ListBackupsRequest request) {
		return send(request, this.delegate::listBackups);
	}

	@Override
	public ListContributorInsightsResponse listContributorInsights(ListContributorInsightsRequest request) {
		return send(request, this.delegate::listContributorInsights);
	}

	@Override
	public ListExportsResponse listExports(ListExportsRequest request) {
		return send(request, this.delegate::listExports);
	}

	@Override
	public ListGlobalTablesResponse listGlobalTables(ListGlobalTablesRequest request) {
		return send(request, this.delegate::listGlobalTables);
	}

	@Override
	public ListImportsResponse listImports(ListImportsRequest request) {
		return send(request, this.delegate::listImports);
	}

	@Override
	public ListTablesResponse listTables(ListTablesRequest request) {
		return send(request, this.delegate::listTables);
	}

	@Override
	public ListTagsOfResourceResponse listTagsOfResource(ListTagsOfResourceRequest request) {
		return send(request, this.delegate::listTagsOfResource);
	}

	@Override
	public PutItemResponse putItem(PutItemRequest request) {
		return send(request, this.delegate::putItem);
	}

	@Override
	public PutResourcePolicyResponse putResourcePolicy(PutResourcePolicyRequest request) {
		return send(request, this.delegate::putResourcePolicy);
	}

	@Override
	public QueryResponse query(QueryRequest request) {
		return send(request, this.delegate::query);
	}

	@Override
	public RestoreTableFromBackupResponse restoreTableFromBackup(RestoreTableFromBackupRequest request) {
		return send(request, this.delegate::restoreTableFromBackup);
	}

	@Override
	public RestoreTableToPointInTimeResponse restoreTableToPointInTime(RestoreTableToPointInTimeRequest request) {
		return send(request, this.delegate::restoreTableToPointInTime);
	}

	@Override
	public ScanResponse scan(ScanRequest request) {
		return send(request, this.delegate::scan);
	}

	@Override
	public SearchVectorsResponse searchVectors(SearchVectorsRequest request) {
		return send(request, this.delegate::searchVectors);
	}

	@Override
	public TagResourceResponse tagResource(TagResourceRequest request) {
		return send(request, this.delegate::tagResource);
	}

	@Override
	public TransactGetItemsResponse transactGetItems(TransactGetItemsRequest request) {
		return send(request, this.delegate::transactGetItems);
	}

	@Override
	public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
		return send(request, this.delegate::transactWriteItems);
	}

	@Override
	public UntagResourceResponse untagResource(UntagResourceRequest request) {
		return send(request, this.delegate::untagResource);
	}

	@Override
	public UpdateContinuousBackupsResponse updateContinuousBackups(UpdateContinuousBackupsRequest request) {
		return send(request, this.delegate::updateContinuousBackups);
	}

	@Override
	public UpdateContributorInsightsResponse updateContributorInsights(UpdateContributorInsightsRequest request) {
		return send(request, this.delegate::updateContributorInsights);
	}

	@Override
	public UpdateGlobalTableResponse updateGlobalTable(UpdateGlobalTableRequest request) {
		return send(request, this.delegate::updateGlobalTable);
	}

	@Override
	public UpdateGlobalTableSettingsResponse updateGlobalTableSettings(UpdateGlobalTableSettingsRequest request) {
		return send(request, this.delegate::updateGlobalTableSettings);
	}

	@Override
	public UpdateItemResponse updateItem(UpdateItemRequest request) {
		return send(request, this.delegate::updateItem);
	}

	@Override
	public UpdateKinesisStreamingDestinationResponse updateKinesisStreamingDestination(UpdateKinesisStreamingDestinationRequest request) {
		return send(request, this.delegate::updateKinesisStreamingDestination);
	}

	@Override
	public UpdateTableResponse updateTable(UpdateTableRequest request) {
		return send(request, this.delegate::updateTable);
	}

	@Override
	public UpdateTableReplicaAutoScalingResponse updateTableReplicaAutoScaling(UpdateTableReplicaAutoScalingRequest request) {
		return send(request, this.delegate::updateTableReplicaAutoScaling);
	}

	@Override
	public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest request) {
		return send(request, this.delegate::updateTimeToLive);
	}

	@Override
	public DynamoDbWaiter waiter() {
		return this.delegate.waiter();
	}

	@Override
	public DynamoDbServiceClientConfiguration serviceClientConfiguration() {
		return this.delegate.serviceClientConfiguration();
	}

	@Override
	public String serviceName() {
		return this.delegate.serviceName();
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
