package org.springframework.cloud.hardeningstandin;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * Stands in for the auto-configuration of a Spring Cloud module the starter does not
 * bring (Spring Cloud LoadBalancer, Context, a discovery client), which the module's
 * tests leave off their class path. Its package is what marks it as one: Spring Cloud's.
 */
@AutoConfiguration
public class StandInSpringCloudModuleAutoConfiguration {

}
