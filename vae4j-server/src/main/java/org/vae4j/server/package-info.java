/**
 * The web explorer: a page and a JSON API over one trained model, served by Javalin. Every answer comes
 * from {@link org.vae4j.api.TrainedModel}; the module reads no file named in a request.
 */
package org.vae4j.server;
