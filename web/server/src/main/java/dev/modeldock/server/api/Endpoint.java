package dev.modeldock.server.api;

import dev.modeldock.server.auth.Access;
import io.javalin.http.Handler;
import java.util.Map;

/**
 * One operation of the API. The server registers its handler and describes it in
 * {@code /openapi.json} from this one record, so the description cannot leave an endpoint out.
 *
 * @param method          GET, POST, PUT, PATCH or DELETE
 * @param path            Javalin's path syntax, which is also OpenAPI's: {@code /api/v1/models/{name}}
 * @param requestBody     a JSON Schema of the body, or null for none
 * @param okStatus        the status of a successful answer (200, 201, 202, 204)
 * @param queryParameters JSON Schemas of the optional query parameters, by name
 * @param upload          a multipart/form-data alternative to the JSON body, or null for none
 * @param response        what a successful answer holds; null for none (a 204) or not yet described
 */
public record Endpoint(String method, String path, Access access, String summary, Map<String, Object> requestBody,
        int okStatus, Handler handler, Map<String, Object> queryParameters, Upload upload, Response response) {

    /**
     * A multipart/form-data request the endpoint also takes.
     *
     * @param formSchema a JSON Schema of the form's parts
     * @param okStatus   the status of a successful upload
     * @param response   what a successful upload answers
     */
    public record Upload(Map<String, Object> formSchema, int okStatus, Response response) {
    }

    /**
     * The body of a successful answer.
     *
     * @param mediaType e.g. {@code application/json}, {@code application/octet-stream}
     * @param schema    a JSON Schema of the body
     */
    public record Response(String mediaType, Map<String, Object> schema) {
        public static Response json(Map<String, Object> schema) {
            return new Response("application/json", schema);
        }
    }

    public static Endpoint get(String path, Access access, String summary, Handler handler) {
        return new Endpoint("GET", path, access, summary, null, 200, handler, Map.of(), null, null);
    }

    public static Endpoint delete(String path, Access access, String summary, Handler handler) {
        return new Endpoint("DELETE", path, access, summary, null, 204, handler, Map.of(), null, null);
    }

    public static Endpoint withBody(String method, String path, Access access, String summary,
            Map<String, Object> requestBody, int okStatus, Handler handler) {
        return new Endpoint(method, path, access, summary, requestBody, okStatus, handler, Map.of(), null, null);
    }

    /** This endpoint with its query parameters described. */
    public Endpoint withQuery(Map<String, Object> parameters) {
        return new Endpoint(method, path, access, summary, requestBody, okStatus, handler, parameters, upload,
                response);
    }

    /** This endpoint taking a multipart/form-data upload too, answering {@code uploadResponse} (JSON). */
    public Endpoint withUpload(Map<String, Object> formSchema, int uploadStatus, Map<String, Object> uploadResponse) {
        return new Endpoint(method, path, access, summary, requestBody, okStatus, handler, queryParameters,
                new Upload(formSchema, uploadStatus, Response.json(uploadResponse)), response);
    }

    /** This endpoint answering JSON of this schema. */
    public Endpoint returns(Map<String, Object> schema) {
        return returns(Response.json(schema));
    }

    /** This endpoint answering this body (a file, a stream). */
    public Endpoint returns(Response body) {
        return new Endpoint(method, path, access, summary, requestBody, okStatus, handler, queryParameters, upload,
                body);
    }
}
