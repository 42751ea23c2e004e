package io.hardening.reasoning.vertex;

import java.io.IOException;
import java.util.List;

import com.google.auth.oauth2.GoogleCredentials;

/**
 * Where the Vertex AI client gets its Google credentials. Declare a bean of this type to
 * use other credentials than the Application Default Credentials.
 */
@FunctionalInterface
public interface VertexCredentialsSupplier {

	/**
	 * OAuth scope of Vertex AI.
	 */
	String CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";

	/**
	 * Loads the credentials. Called off the event loop; may block.
	 * @return the credentials
	 * @throws IOException when there are none
	 */
	GoogleCredentials get() throws IOException;

	/**
	 * The Application Default Credentials with the cloud-platform scope: the file named
	 * by {@code GOOGLE_APPLICATION_CREDENTIALS}, the gcloud application-default login, or
	 * the service account of the Google Cloud runtime.
	 * @return the supplier
	 */
	static VertexCredentialsSupplier applicationDefault() {
		return () -> GoogleCredentials.getApplicationDefault().createScoped(List.of(CLOUD_PLATFORM_SCOPE));
	}

}
