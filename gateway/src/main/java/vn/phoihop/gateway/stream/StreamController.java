package vn.phoihop.gateway.stream;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;

/**
 * {@code GET /api/v1/stream}: live events for dashboards, as Server-Sent Events. The route is the
 * gateway's own (no service behind it), authenticated like every other API path.
 */
@RestController
class StreamController {

    private final EventStreams streams;

    StreamController(EventStreams streams) {
        this.streams = streams;
    }

    @GetMapping(path = "/api/v1/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> stream(
            @RequestParam(required = false) String programId,
            @RequestParam(required = false) String unitId,
            @RequestParam(required = false) String types) {
        StreamFilter filter;
        try {
            filter = StreamFilter.parse(types, programId, unitId);
        } catch (StreamFilter.UnknownEventTypesException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return streams.open(filter);
    }
}
