package io.hardening.resilience.autoconfigure;

import java.util.Set;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * An {@link AutoConfigurationImportFilter} that leaves out auto-configurations chosen
 * once, from the class path, on Boot's first call.
 * <p>
 * Boot asks its import filters about the whole candidate list, then once more about each
 * auto-configuration on its own as it imports it
 * ({@code AutoConfigurationImportSelector.getExclusionFilter()}): about 300 calls in the
 * sample app. So the choice cannot come from the candidates in hand (a one-class call
 * would choose otherwise: an application with Spring Cloud LoadBalancer once lost its
 * discovery that way), and is worth making once (looking for an absent class searches
 * every nested jar of an executable jar, about 40 ms per start when done on every call).
 */
abstract class ClassPathDecidedImportFilter implements AutoConfigurationImportFilter, BeanClassLoaderAware {

	private ClassLoader classLoader;

	// Chosen once, on the first call: the class path does not change.
	private Set<String> leftOut;

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		Set<String> leftOut = this.leftOut;
		if (leftOut == null) {
			leftOut = leftOut(this.classLoader);
			this.leftOut = leftOut;
		}
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			// null: an earlier filter left this one out already
			matches[i] = autoConfigurationClasses[i] == null || !leftOut.contains(autoConfigurationClasses[i]);
		}
		return matches;
	}

	/**
	 * Chooses the auto-configurations to leave out.
	 * @param classLoader the application's class loader
	 * @return their class names, empty to keep every candidate
	 */
	abstract Set<String> leftOut(ClassLoader classLoader);

}
