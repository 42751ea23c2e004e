package io.hardening.reasoning.web;

/**
 * The checked query of a {@code POST /api/reasoning/query} body, read by the web stack's
 * body reader ({@link QueryRequestConverter} or {@link QueryRequestReader}).
 *
 * @param query the query, present, not blank and not too long
 */
public record QueryRequest(String query) {

}
