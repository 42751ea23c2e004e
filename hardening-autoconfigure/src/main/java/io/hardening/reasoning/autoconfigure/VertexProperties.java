package io.hardening.reasoning.autoconfigure;

import java.util.regex.Pattern;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import static io.hardening.support.PropertyChecks.httpUrl;

/**
 * Gemini on Vertex AI.
 */
public class VertexProperties {

	private static final Pattern LOCATION = Pattern.compile("[a-z][a-z0-9-]*");

	/**
	 * Google Cloud project that is billed for the calls. Required with the vertex
	 * provider.
	 */
	private String projectId;

	/**
	 * Location that serves the models: global (host aiplatform.googleapis.com) or a
	 * region such as us-central1 (host us-central1-aiplatform.googleapis.com).
	 */
	private String location = "global";

	/**
	 * Base URL that replaces the one computed from the location, for a local stand-in in
	 * tests.
	 */
	private String baseUrl;

	public String getProjectId() {
		return this.projectId;
	}

	public void setProjectId(String projectId) {
		Assert.isTrue(projectId == null || !projectId.contains("/"),
				() -> "hardening.reasoning.vertex.project-id must not contain '/', got '" + projectId + "'");
		this.projectId = StringUtils.hasText(projectId) ? projectId.strip() : null;
	}

	public String getLocation() {
		return this.location;
	}

	public void setLocation(String location) {
		Assert.isTrue(location != null && LOCATION.matcher(location).matches(),
				() -> "hardening.reasoning.vertex.location must be global or a region such as us-central1, got '"
						+ location + "'");
		this.location = location;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = StringUtils.hasText(baseUrl) ? httpUrl("hardening.reasoning.vertex.base-url", baseUrl) : null;
	}

}
