package dev.singletable.console;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;

import dev.singletable.console.ConsoleModel.AuditRow;
import dev.singletable.console.ConsoleModel.BlobView;
import dev.singletable.console.ConsoleModel.CollectionLink;
import dev.singletable.console.ConsoleModel.CollectionView;
import dev.singletable.console.ConsoleModel.IndexView;
import dev.singletable.console.ConsoleModel.RawItem;
import dev.singletable.console.ConsoleModel.ResourceView;
import dev.singletable.console.ConsoleModel.Row;
import dev.singletable.console.ConsoleModel.TableView;
import dev.singletable.console.ConsoleModel.TypePage;
import dev.singletable.console.ConsoleModel.TypeQuery;
import dev.singletable.console.ConsoleModel.TypeRef;
import dev.singletable.console.ConsoleModel.TypeSummary;
import dev.singletable.console.ConsoleRequest.CsrfField;
import dev.singletable.core.VersionSummary;
import dev.singletable.core.mapping.IndexDefinition;
import dev.singletable.core.mapping.KeyTemplate;
import dev.singletable.evolution.MigrationInfo;
import dev.singletable.evolution.TypeDrift;

/**
 * Renders the console's pages from the values of {@link ConsoleModel} into HTML strings, through {@link Html} so that
 * every value is escaped. Elements that tests and browsers select have stable ids and classes.
 */
final class ConsolePages {

	private final String base;

	private final boolean readOnly;

	private final boolean liveEvents;

	ConsolePages(String base, boolean readOnly, boolean liveEvents) {
		this.base = base;
		this.readOnly = readOnly;
		this.liveEvents = liveEvents;
	}

	String typeLink(String type) {
		return this.base + "/types/" + Html.url(type);
	}

	String resourceLink(String type, String id) {
		return typeLink(type) + "/" + Html.url(encodeId(id));
	}

	/** The link of a page below a resource's: {@code restore}, {@code delete}, {@code blobs/…}. */
	String resourceLink(String type, String id, String below) {
		return resourceLink(type, id) + "/" + below;
	}

	/**
	 * An id as one path segment every server accepts: {@code /}, {@code \}, {@code %} and {@code ;} (which
	 * servers refuse or interpret when encoded in a path) and the escape character {@code ~} itself become
	 * {@code ~} and two hex digits, as does every dot of an id made only of dots ({@code .} and {@code ..} would be
	 * normalized away). Every id the library accepts is reachable; an id without them reads as it is.
	 * @param id the id
	 * @return the segment, before URL encoding
	 */
	static String encodeId(String id) {
		boolean dots = id.chars().allMatch((c) -> c == '.');
		StringBuilder segment = new StringBuilder(id.length() + 8);
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			if (c == '~' || c == '/' || c == '\\' || c == '%' || c == ';' || (dots && c == '.')) {
				segment.append('~').append(String.format("%02X", (int) c));
			}
			else {
				segment.append(c);
			}
		}
		return segment.toString();
	}

	/**
	 * The id a decoded path segment names (see {@link #encodeId(String)}).
	 * @param segment the URL-decoded segment
	 * @return the id
	 * @throws ConsoleException 400 when a {@code ~} is not followed by two hex digits
	 */
	static String decodeId(String segment) {
		if (segment.indexOf('~') < 0) {
			return segment;
		}
		StringBuilder id = new StringBuilder(segment.length());
		for (int i = 0; i < segment.length(); i++) {
			char c = segment.charAt(i);
			if (c == '~') {
				if (i + 2 >= segment.length() || Character.digit(segment.charAt(i + 1), 16) < 0
						|| Character.digit(segment.charAt(i + 2), 16) < 0) {
					throw ConsoleException.badRequest("The id in this link is not valid: '~' must be followed by two "
							+ "hex digits (the console's links write '~7E' for '~').");
				}
				id.append((char) java.util.HexFormat.fromHexDigits(segment, i + 1, i + 3));
				i += 2;
			}
			else {
				id.append(c);
			}
		}
		return id.toString();
	}

	private Html start(String title, String pageId) {
		Html html = new Html();
		html.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
			.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
			.element("title", title + " · singletable console")
			.open("link", "rel", "stylesheet", "href", this.base + "/assets/console.css")
			.raw("</head>")
			.open("body", "id", pageId)
			.open("header", "id", "console-header")
			.link(this.base, "singletable console", "id", "home-link")
			.close("header")
			.open("main", "id", "console-main")
			.element("h1", title, "id", "page-title");
		return html;
	}

	private String end(Html html) {
		html.close("main");
		if (this.liveEvents) {
			html.open("script", "src", this.base + "/assets/console.js", "defer", "defer").close("script");
		}
		return html.close("body").raw("</html>\n").toString();
	}

	// --- the table

	String table(TableView view) {
		Html html = start("Table " + view.tableName(), "table-page");
		if (view.problem() != null) {
			html.element("p", view.problem(), "class", "problem");
		}
		html.open("section", "id", "table-facts").element("h2", "Table");
		html.open("dl");
		TableDescription description = view.description();
		if (description != null) {
			fact(html, "Status", description.tableStatusAsString());
			fact(html, "Items (approximate)", description.itemCount());
			fact(html, "Size (approximate)", bytes(description.tableSizeBytes() != null ? description.tableSizeBytes() : 0));
			fact(html, "Key", ConsoleModel.describeKeys(description.keySchema()));
			fact(html, "Indexes", String.join("; ", ConsoleModel.tableIndexes(description)));
			boolean stream = description.streamSpecification() != null
					&& Boolean.TRUE.equals(description.streamSpecification().streamEnabled());
			fact(html, "Stream", stream ? "on (" + description.streamSpecification().streamViewTypeAsString() + ")" : "off");
		}
		TimeToLiveDescription ttl = view.ttl();
		if (ttl != null) {
			fact(html, "TTL", ttl.timeToLiveStatusAsString()
					+ ((ttl.attributeName() != null) ? " on attribute " + ttl.attributeName() : ""));
		}
		fact(html, "Definitions drift", (view.drift() == null) ? "not checked" : view.drift() ? "drift found" : "none");
		html.close("dl").close("section");

		html.open("section", "id", "types-section").element("h2", "Types");
		html.open("table", "id", "types", "class", "grid")
			.raw("<thead><tr><th>Type</th><th>Class</th><th>Count</th><th>Settings</th><th>Indexes and key templates</th>"
					+ "<th>Drift</th></tr></thead><tbody>");
		for (TypeSummary summary : view.types()) {
			TypeRef type = summary.type();
			html.open("tr", "class", "type-row", "data-type", type.name());
			html.open("td").link(typeLink(type.name()), type.name(), "class", "type-link").close("td");
			html.open("td").text(type.type().getName());
			if (!type.subtypes().isEmpty()) {
				html.open("div", "class", "subtypes").text("hierarchy: "
						+ String.join(", ", type.subtypes().stream().map((entity) -> entity.getType().getSimpleName()).toList()))
					.close("div");
			}
			html.close("td");
			html.element("td", (summary.count() != null) ? summary.count() : "not tracked", "class", "type-count");
			html.element("td", settings(summary));
			html.open("td").open("ul", "class", "indexes");
			for (IndexView index : summary.indexes()) {
				html.element("li", index.index() + ": " + index.partitionAttribute() + " = " + index.partition()
						+ ((index.sortAttribute() != null) ? ", " + index.sortAttribute() + " = "
								+ ((index.sort() != null) ? index.sort() : "(implicit)") : ""));
			}
			html.close("ul").close("td");
			html.open("td", "class", "drift");
			for (TypeDrift drift : summary.drifts()) {
				html.element("div", drift.subject() + ": " + drift.change() + " — " + drift.fix(), "class", "problem");
			}
			html.close("td").close("tr");
		}
		html.raw("</tbody></table></section>");

		html.open("section", "id", "migrations-section").element("h2", "Migrations");
		if (view.migrations().isEmpty()) {
			html.element("p", "No migrations declared.");
		}
		else {
			html.open("table", "id", "migrations", "class", "grid")
				.raw("<thead><tr><th>Version</th><th>Description</th><th>State</th><th>Step</th><th>Error</th></tr></thead><tbody>");
			for (MigrationInfo info : view.migrations()) {
				html.open("tr")
					.element("td", info.version())
					.element("td", info.description())
					.element("td", info.state())
					.element("td", info.step() + "/" + info.steps())
					.element("td", info.error())
					.close("tr");
			}
			html.raw("</tbody></table>");
		}
		html.close("section");
		if (this.liveEvents) {
			html.open("section", "id", "live-events", "data-events", this.base + "/events")
				.element("h2", "Live changes")
				.element("p", "Changes from the table's stream appear here as they happen (needs JavaScript).",
						"class", "hint")
				.open("ol", "id", "live-event-list")
				.close("ol")
				.close("section");
		}
		return end(html);
	}

	private static String settings(TypeSummary summary) {
		var entity = summary.type().entity();
		StringBuilder text = new StringBuilder();
		text.append(entity.isVersioned() ? "versioned" + ((entity.getMaxVersions() > 0)
				? " (keeps " + entity.getMaxVersions() + ")" : "") : "not versioned");
		text.append(entity.isCompressed() ? ", compressed" : ", uncompressed");
		if (entity.getTtlProperty() != null) {
			text.append(", TTL from ").append(entity.getTtlProperty().getName());
		}
		if (entity.isSingleton()) {
			text.append(", singleton");
		}
		if (!summary.blobs().isEmpty()) {
			text.append(", blobs: ").append(String.join(", ", summary.blobs()));
		}
		return text.toString();
	}

	private static void fact(Html html, String name, @Nullable Object value) {
		html.element("dt", name).element("dd", value);
	}

	// --- a type

	String type(TypePage page) {
		TypeRef type = page.type();
		Html html = start("Type " + type.name(), "type-page");
		html.open("p", "class", "breadcrumbs").link(this.base, "table").text(" / ").text(type.name()).close("p");
		filterForm(html, page);
		indexForm(html, page);
		html.open("section", "id", "resources-section")
			.element("h2", (page.query().index() != null) ? "Results of index " + page.query().index()
					: "Newest first (type index)");
		html.open("table", "id", "resources", "class", "grid").raw("<thead><tr><th>id</th>");
		if (!type.subtypes().isEmpty()) {
			html.element("th", "type");
		}
		for (String column : page.columns()) {
			html.element("th", column);
		}
		html.raw("</tr></thead><tbody>");
		for (Row row : page.rows()) {
			html.open("tr", "class", "resource-row", "data-id", row.id());
			html.open("td").link(resourceLink(type.name(), row.id()), row.id(), "class", "resource-link").close("td");
			if (!type.subtypes().isEmpty()) {
				html.element("td", row.typeName());
			}
			for (String value : row.values()) {
				html.element("td", value);
			}
			html.close("tr");
		}
		html.raw("</tbody></table>");
		if (page.rows().isEmpty()) {
			html.element("p", "No resources.", "id", "no-resources");
		}
		if (page.nextCursor() != null) {
			html.open("p").link(typeLink(type.name()) + "?" + queryString(page.query(), page.nextCursor()), "Next page →",
					"id", "next-page", "rel", "next").close("p");
		}
		html.element("p", "This page took " + page.requests() + " Query request" + ((page.requests() == 1) ? "" : "s") + ".",
				"class", "hint", "id", "page-requests");
		html.close("section");
		return end(html);
	}

	private void filterForm(Html html, TypePage page) {
		TypeQuery query = page.query();
		html.open("form", "id", "filter-form", "method", "get", "action", typeLink(page.type().name()), "class", "inline")
			.element("h2", "Filter");
		hiddenIndexFields(html, query);
		html.open("label").text("property ").open("select", "name", "filter");
		html.element("option", "", "value", "");
		for (String property : page.filterProperties()) {
			html.element("option", property, "value", property, "selected",
					property.equals(query.filterProperty()) ? "selected" : null);
		}
		html.close("select").close("label");
		html.open("select", "name", "op");
		for (String operator : List.of("eq", "ne", "contains", "begins", "lt", "gt", "exists")) {
			html.element("option", operator, "value", operator, "selected",
					operator.equals(query.filterOperator()) ? "selected" : null);
		}
		html.close("select");
		html.open("input", "type", "text", "name", "value", "value", query.filterValue(), "aria-label", "filter value");
		html.raw("<button type=\"submit\">Filter</button>").close("form");
	}

	private static void hiddenIndexFields(Html html, TypeQuery query) {
		if (query.index() != null) {
			html.open("input", "type", "hidden", "name", "index", "value", query.index());
			query.keyValues().forEach((name, value) -> html.open("input", "type", "hidden", "name", "key." + name,
					"value", value));
			html.open("input", "type", "hidden", "name", "sortOp", "value", query.sortOperator());
			html.open("input", "type", "hidden", "name", "sort", "value", query.sortValue());
			html.open("input", "type", "hidden", "name", "sort2", "value", query.sortValue2());
		}
	}

	private void indexForm(Html html, TypePage page) {
		if (page.queryableIndexes().isEmpty()) {
			return;
		}
		TypeQuery query = page.query();
		html.open("section", "id", "index-forms").element("h2", "Query an index");
		for (IndexDefinition index : page.queryableIndexes()) {
			html.open("form", "method", "get", "action", typeLink(page.type().name()), "class", "index-form inline",
					"id", "index-form-" + index.index());
			html.open("input", "type", "hidden", "name", "index", "value", index.index());
			html.element("strong", index.index());
			KeyTemplate partition = index.partition();
			if (partition != null && partition.hasProperties()) {
				html.text(" " + partition + " ");
				for (String property : partition.getProperties()) {
					html.open("label").text(property + " ")
						.open("input", "type", "text", "name", "key." + property, "value",
								index.index().equals(query.index()) ? query.keyValues().get(property) : null)
						.close("label");
				}
			}
			else if (partition != null) {
				html.text(" partition " + partition + " ");
				html.open("input", "type", "hidden", "name", "key.", "value", partition.toString());
			}
			else {
				html.open("label").text(" partition key ")
					.open("input", "type", "text", "name", "key.", "value", null)
					.close("label");
			}
			if (index.sortAttribute() != null) {
				html.text(" sort ");
				html.open("select", "name", "sortOp", "aria-label", "sort condition");
				html.element("option", "any", "value", "");
				for (String operator : List.of("eq", "begins", "lt", "le", "gt", "ge", "between")) {
					html.element("option", operator, "value", operator);
				}
				html.close("select");
				html.open("input", "type", "text", "name", "sort", "aria-label", "sort value");
				html.open("input", "type", "text", "name", "sort2", "aria-label", "upper bound of between");
			}
			html.raw(" <button type=\"submit\">Query</button>").close("form");
		}
		html.close("section");
	}

	static String queryString(TypeQuery query, @Nullable String cursor) {
		StringBuilder text = new StringBuilder();
		if (query.index() != null) {
			param(text, "index", query.index());
			query.keyValues().forEach((name, value) -> param(text, "key." + name, value));
			param(text, "sortOp", query.sortOperator());
			param(text, "sort", query.sortValue());
			param(text, "sort2", query.sortValue2());
		}
		param(text, "filter", query.filterProperty());
		param(text, "op", query.filterOperator());
		param(text, "value", query.filterValue());
		param(text, "cursor", cursor);
		return text.toString();
	}

	private static void param(StringBuilder text, String name, @Nullable String value) {
		if (value != null) {
			if (!text.isEmpty()) {
				text.append('&');
			}
			text.append(Html.url(name)).append('=').append(Html.url(value));
		}
	}

	// --- a resource

	String resource(ResourceView view) {
		String type = view.type().name();
		Html html = start(type + " " + view.id(), "resource-page");
		html.open("p", "class", "breadcrumbs")
			.link(this.base, "table")
			.text(" / ")
			.link(typeLink(type), type)
			.text(" / ")
			.text(view.id())
			.close("p");
		if (!view.entity().getType().equals(view.type().type())) {
			html.element("p", "Stored as " + view.entity().getType().getSimpleName(), "class", "hint", "id", "subtype");
		}
		if (!this.readOnly) {
			html.open("p", "id", "actions")
				.link(resourceLink(type, view.id(), "delete"), "Delete this resource…", "id", "delete-link", "class",
						"danger")
				.close("p");
		}
		html.open("section", "id", "latest").element("h2", "Latest state");
		html.element("pre", view.json(), "id", "latest-json", "class", "json");
		html.close("section");

		if (!view.versions().isEmpty()) {
			versions(html, view);
		}
		if (view.diff() != null) {
			diff(html, view);
		}
		audit(html, view);
		if (!view.blobs().isEmpty()) {
			blobs(html, view);
		}
		if (!view.collections().isEmpty()) {
			html.open("section", "id", "collections").element("h2", "Item collections").open("ul");
			for (CollectionLink link : view.collections()) {
				html.open("li")
					.link(this.base + "/collections/" + Html.url(link.index()) + "?partition=" + Html.url(link.partition()),
							link.index() + ": " + link.partition(), "class", "collection-link")
					.close("li");
			}
			html.close("ul").close("section");
		}
		rawItems(html, view);
		return end(html);
	}

	private void versions(Html html, ResourceView view) {
		List<VersionSummary> versions = view.versions();
		html.open("section", "id", "versions").element("h2", "Versions");
		int count = versions.size();
		int width = Math.max(200, 60 * count);
		html.open("svg", "id", "version-timeline", "class", "timeline", "xmlns", "http://www.w3.org/2000/svg",
				"viewBox", "0 0 " + width + " 54", "width", width, "height", 54, "role", "img", "aria-label",
				"version timeline");
		html.open("line", "x1", 20, "y1", 20, "x2", width - 20, "y2", 20, "class", "timeline-axis").close("line");
		for (int i = 0; i < count; i++) {
			VersionSummary version = versions.get(count - 1 - i);
			int x = (count == 1) ? width / 2 : 20 + i * (width - 40) / (count - 1);
			html.open("a", "href", resourceLink(view.type().name(), view.id()) + "?from="
					+ ((i > 0) ? versions.get(count - i).version() : version.version()) + "&to=" + version.version()
					+ "#diff");
			html.open("circle", "cx", x, "cy", 20, "r", 7, "class",
					version.latest() ? "timeline-point latest" : "timeline-point", "data-version", version.version())
				.element("title", "v" + version.version() + ((version.updatedAt() != null) ? " " + version.updatedAt() : ""))
				.close("circle");
			html.element("text", "v" + version.version(), "x", x, "y", 46, "text-anchor", "middle");
			html.close("a");
		}
		html.close("svg");
		html.open("table", "id", "version-list", "class", "grid")
			.raw("<thead><tr><th>Version</th><th>Created</th><th>Updated</th><th></th></tr></thead><tbody>");
		for (VersionSummary version : versions) {
			html.open("tr", "class", "version-row", "data-version", version.version())
				.element("td", "v" + version.version() + (version.latest() ? " (latest)" : ""))
				.element("td", version.createdAt())
				.element("td", version.updatedAt());
			html.open("td");
			if (!this.readOnly && !version.latest()) {
				html.link(resourceLink(view.type().name(), view.id(), "restore") + "?version=" + version.version(),
						"Restore…", "class", "restore-link");
			}
			html.close("td").close("tr");
		}
		html.raw("</tbody></table>");
		html.close("section");
	}

	private void diff(Html html, ResourceView view) {
		ConsoleModel.Diff diff = view.diff();
		html.open("section", "id", "diff-section").element("h2", "Compare versions", "id", "diff");
		html.open("form", "id", "diff-form", "method", "get", "action", resourceLink(view.type().name(), view.id()),
				"class", "inline");
		for (String side : List.of("from", "to")) {
			long selected = side.equals("from") ? diff.from() : diff.to();
			html.open("label").text(side + " ").open("select", "name", side);
			for (VersionSummary version : view.versions()) {
				html.element("option", "v" + version.version(), "value", version.version(), "selected",
						(version.version() == selected) ? "selected" : null);
			}
			html.close("select").close("label").text(" ");
		}
		html.raw("<button type=\"submit\">Compare</button>").close("form");
		html.open("table", "id", "diff-table", "class", "diff")
			.open("thead")
			.open("tr")
			.element("th", "v" + diff.from(), "colspan", 2)
			.element("th", "v" + diff.to(), "colspan", 2)
			.close("tr")
			.close("thead")
			.open("tbody");
		for (LineDiff.Row row : diff.rows()) {
			html.open("tr", "class", "diff-" + row.kind().name().toLowerCase(java.util.Locale.ROOT))
				.element("td", (row.leftNumber() > 0) ? row.leftNumber() : "", "class", "line-number")
				.open("td", "class", "line left")
				.element("code", row.left())
				.close("td")
				.element("td", (row.rightNumber() > 0) ? row.rightNumber() : "", "class", "line-number")
				.open("td", "class", "line right")
				.element("code", row.right())
				.close("td")
				.close("tr");
		}
		html.close("tbody").close("table").close("section");
	}

	private void audit(Html html, ResourceView view) {
		html.open("section", "id", "audit-section").element("h2", "Audit log");
		if (view.auditProblem() != null) {
			html.element("p", view.auditProblem(), "class", "problem");
		}
		if (view.audit().isEmpty()) {
			html.element("p", "No audit entries.", "id", "no-audit");
		}
		else {
			html.open("table", "id", "audit", "class", "grid")
				.raw("<thead><tr><th>When</th><th>Operation</th><th>By</th><th>Changes</th></tr></thead><tbody>");
			for (AuditRow row : view.audit()) {
				html.open("tr", "class", "audit-row")
					.element("td", row.createdAt())
					.element("td", row.operation())
					.element("td", row.changedBy());
				html.open("td").open("ul", "class", "changes");
				for (Map.Entry<String, String[]> change : row.changes().entrySet()) {
					html.open("li")
						.element("span", change.getKey(), "class", "field")
						.text(": ")
						.element("del", change.getValue()[0])
						.text(" → ")
						.element("ins", change.getValue()[1])
						.close("li");
				}
				html.close("ul").close("td").close("tr");
			}
			html.raw("</tbody></table>");
		}
		html.close("section");
	}

	private void blobs(Html html, ResourceView view) {
		html.open("section", "id", "blobs").element("h2", "Blobs");
		for (BlobView blob : view.blobs()) {
			String link = resourceLink(view.type().name(), view.id(), "blobs/" + Html.url(blob.property()));
			html.open("div", "class", "blob", "data-property", blob.property());
			html.element("h3", blob.property());
			if (blob.problem() != null) {
				html.element("p", blob.problem(), "class", "problem");
			}
			else {
				html.element("p", blob.contentType() + ", " + bytes(blob.size()), "class", "blob-facts");
				if (blob.typeProblem() != null) {
					html.element("p", blob.typeProblem(), "class", "problem blob-type-problem");
				}
				html.open("p").link(link, "Download " + blob.fileName(), "class", "blob-download", "download",
						blob.fileName()).close("p");
				if (blob.preview() == BlobTypes.Preview.IMAGE) {
					html.open("img", "src", link, "alt", blob.property(), "class", "blob-preview");
				}
				else if (blob.text() != null) {
					html.element("pre", blob.text(), "class", "blob-preview");
				}
				else {
					html.element("p", "No preview: a blob of this type is only downloaded.", "class", "hint");
				}
			}
			html.close("div");
		}
		html.close("section");
	}

	private void rawItems(Html html, ResourceView view) {
		html.open("details", "id", "raw-items").element("summary", "Raw stored items (" + view.rawItems().size() + ")");
		for (RawItem item : view.rawItems()) {
			html.open("div", "class", "raw-item", "data-sk", item.sk());
			html.element("h3", "sk = " + item.sk());
			html.open("p", "class", "item-size")
				.open("meter", "min", 0, "max", ConsoleModel.ITEM_LIMIT, "high", ConsoleModel.ITEM_LIMIT * 8 / 10,
						"value", item.size(), "title", item.size() + " of " + ConsoleModel.ITEM_LIMIT + " bytes")
				.close("meter")
				.text(" " + bytes(item.size()) + " of 400 KB (" + (item.size() * 1000 / ConsoleModel.ITEM_LIMIT) / 10.0
						+ "%)")
				.close("p");
			html.open("table", "class", "grid attributes").raw("<tbody>");
			item.attributes().forEach((name, value) -> html.open("tr").element("th", name).element("td", value).close("tr"));
			html.raw("</tbody></table>");
			if (item.data() != null) {
				html.element("pre", item.data(), "class", "json data");
			}
			html.close("div");
		}
		html.close("details");
	}

	// --- an item collection

	String collection(CollectionView view) {
		Html html = start("Item collection " + view.partition(), "collection-page");
		html.open("p", "class", "breadcrumbs").link(this.base, "table").text(" / index " + view.index()).close("p");
		for (Map.Entry<TypeRef, List<Row>> group : view.groups().entrySet()) {
			TypeRef type = group.getKey();
			html.open("section", "class", "collection-group", "data-type", type.name())
				.element("h2", type.name() + " (" + group.getValue().size() + ")");
			html.open("ul");
			for (Row row : group.getValue()) {
				html.open("li")
					.link(resourceLink(type.name(), row.id()), row.id(), "class", "resource-link")
					.text(" " + String.join(", ", row.values()))
					.close("li");
			}
			html.close("ul").close("section");
		}
		if (!view.otherShapes().isEmpty()) {
			html.element("p", "Partition templates of another shape can render this key too, and are not shown: "
					+ String.join(", ", view.otherShapes()) + ".", "class", "hint", "id", "other-shapes");
		}
		if (view.nextCursor() != null) {
			html.open("p")
				.link(this.base + "/collections/" + Html.url(view.index()) + "?partition=" + Html.url(view.partition())
						+ "&cursor=" + Html.url(view.nextCursor()), "Next page →", "id", "next-page")
				.close("p");
		}
		return end(html);
	}

	// --- changes

	String confirm(String title, String question, String action, List<CsrfField> csrf, String cancel) {
		Html html = start(title, "confirm-page");
		html.element("p", question, "id", "confirm-question");
		html.open("form", "method", "post", "action", action, "id", "confirm-form");
		for (CsrfField field : csrf) {
			html.open("input", "type", "hidden", "name", field.name(), "value", field.token());
		}
		html.raw("<button type=\"submit\" class=\"danger\" id=\"confirm-button\">Confirm</button> ");
		html.link(cancel, "Cancel", "id", "cancel-link");
		html.close("form");
		return end(html);
	}

	String error(int status, String title, String message) {
		Html html = start(status + " " + title, "error-page");
		html.element("p", message, "class", "error-message", "id", "error-message");
		html.open("p").link(this.base, "Back to the table").close("p");
		return end(html);
	}

	static String bytes(long size) {
		if (size < 1024) {
			return size + " B";
		}
		if (size < 1024 * 1024) {
			return String.format(java.util.Locale.ROOT, "%.1f KB", size / 1024.0);
		}
		return String.format(java.util.Locale.ROOT, "%.1f MB", size / (1024.0 * 1024));
	}

}
