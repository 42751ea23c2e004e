package io.hardening.reasoning.vertex;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.google.auth.oauth2.GoogleCredentials;
import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ModelException.Kind;
import io.hardening.reasoning.gemini.GeminiEndpoint;
import io.hardening.support.Sanitizer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.StringUtils;

/**
 * Gemini on Vertex AI:
 * {@code {base}/v1/projects/{project}/locations/{location}/publishers/google/models/{model}:{method}},
 * authenticated with an OAuth bearer token from Google credentials. Loading the
 * credentials and refreshing the token block, so both run on the bounded elastic
 * scheduler, never on the event loop.
 */
public class VertexEndpoint implements GeminiEndpoint {

	private static final String MISSING_PROJECT = "hardening.reasoning.vertex.project-id is not set";

	private static final String MISSING_CREDENTIALS = "No Google Application Default Credentials found: run "
			+ "'gcloud auth application-default login', set GOOGLE_APPLICATION_CREDENTIALS to a service account "
			+ "key file, or run on Google Cloud with a service account";

	private final String projectId;

	private final String location;

	private final VertexCredentialsSupplier credentialsSupplier;

	private volatile GoogleCredentials credentials;

	/**
	 * Creates the endpoint.
	 * @param projectId the Google Cloud project, may be empty (calls then fail with a
	 * clear message)
	 * @param location the location, such as {@code global} or {@code us-central1}
	 * @param credentialsSupplier loads the credentials on first use
	 */
	public VertexEndpoint(String projectId, String location, VertexCredentialsSupplier credentialsSupplier) {
		this.projectId = projectId;
		this.location = location;
		this.credentialsSupplier = credentialsSupplier;
	}

	/**
	 * Base URL of Vertex AI for a location: {@code https://aiplatform.googleapis.com} for
	 * {@code global}, {@code https://{location}-aiplatform.googleapis.com} otherwise.
	 * @param location the location
	 * @return the base URL
	 */
	public static String baseUrl(String location) {
		return "global".equals(location) ? "https://aiplatform.googleapis.com"
				: "https://" + location + "-aiplatform.googleapis.com";
	}

	@Override
	public String path(String model, String method) {
		return "/v1/projects/" + this.projectId + "/locations/" + this.location + "/publishers/google/models/" + model
				+ ":" + method;
	}

	@Override
	public Mono<Map<String, List<String>>> headers() {
		return Mono.fromCallable(this::requestMetadata).subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public String where(String model) {
		return "in location '" + this.location + "' of project '" + this.projectId + "'";
	}

	@Override
	public void verify() {
		requestMetadata();
	}

	private Map<String, List<String>> requestMetadata() {
		if (!StringUtils.hasText(this.projectId)) {
			throw new ModelException(Kind.NOT_CONFIGURED, null, MISSING_PROJECT);
		}
		GoogleCredentials credentials = credentials();
		try {
			return credentials.getRequestMetadata();
		}
		catch (IOException | RuntimeException ex) {
			throw new ModelException(Kind.UNAUTHENTICATED, null, 0,
					"Could not get an access token from the Google credentials: " + Sanitizer.describe(ex), ex);
		}
	}

	private GoogleCredentials credentials() {
		GoogleCredentials loaded = this.credentials;
		if (loaded == null) {
			synchronized (this) {
				loaded = this.credentials;
				if (loaded == null) {
					loaded = load();
					this.credentials = loaded;
				}
			}
		}
		return loaded;
	}

	private GoogleCredentials load() {
		try {
			GoogleCredentials loaded = this.credentialsSupplier.get();
			if (loaded == null) {
				throw new IOException("the credentials supplier returned none");
			}
			return loaded;
		}
		catch (IOException | RuntimeException ex) {
			throw new ModelException(Kind.NOT_CONFIGURED, null, 0,
					MISSING_CREDENTIALS + " (" + Sanitizer.describe(ex) + ")", ex);
		}
	}

	@Override
	public String toString() {
		return "VertexEndpoint[project " + this.projectId + ", location " + this.location + "]";
	}

}
