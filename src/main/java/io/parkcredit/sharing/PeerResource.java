package io.parkcredit.sharing;

import io.parkcredit.security.Action;
import io.parkcredit.security.Performs;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The doors of peer installations: no user signs in; every call carries the peer's signature
 * headers ({@link PeerSignature}), checked by {@link PeerService} before anything else.
 */
@Path("/api/sharing/peer")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sharing between parks")
public class PeerResource {

    @Inject
    PeerService peers;

    @POST
    @Path("/requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A peer's park asks one of this installation's parks for a firm's data (signed)")
    @Performs(Action.SHARING_PEER_CALL)
    public Map<String, Object> request(@HeaderParam(PeerSignature.INSTALLATION) String installation,
            @HeaderParam(PeerSignature.TIMESTAMP) String timestamp, @HeaderParam(PeerSignature.NONCE) String nonce,
            @HeaderParam(PeerSignature.SIGNATURE) String signature, byte[] body) {
        return peers.request(new PeerService.Signed(installation, timestamp, nonce, signature), body);
    }

    @POST
    @Path("/packages")
    @Consumes({"application/zip", "application/octet-stream"})
    @Operation(summary = "A peer pushes a signed package for one of this installation's parks (signed)")
    @Performs(Action.SHARING_PEER_CALL)
    public Map<String, Object> deliver(@HeaderParam(PeerSignature.INSTALLATION) String installation,
            @HeaderParam(PeerSignature.TIMESTAMP) String timestamp, @HeaderParam(PeerSignature.NONCE) String nonce,
            @HeaderParam(PeerSignature.SIGNATURE) String signature, byte[] body) {
        return peers.deliver(new PeerService.Signed(installation, timestamp, nonce, signature), body);
    }

    @POST
    @Path("/acknowledgements")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A peer says it imported a package exported here (signed)")
    @Performs(Action.SHARING_PEER_CALL)
    public Map<String, Object> acknowledge(@HeaderParam(PeerSignature.INSTALLATION) String installation,
            @HeaderParam(PeerSignature.TIMESTAMP) String timestamp, @HeaderParam(PeerSignature.NONCE) String nonce,
            @HeaderParam(PeerSignature.SIGNATURE) String signature, byte[] body) {
        return peers.acknowledge(new PeerService.Signed(installation, timestamp, nonce, signature), body);
    }
}
