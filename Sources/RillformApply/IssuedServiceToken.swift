import Foundation
import RillformModel

/// A service token rillform just issued, on its way to the token sink. The secret is shown once by Rill and must
/// never reach output, logs or errors: every textual form of this value redacts it.
public struct IssuedServiceToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The org the service belongs to.
    public var org: String
    /// The service account's name.
    public var service: String
    /// Rill's id of the token (not secret; used to tell rillform-issued tokens from others).
    public var tokenID: String
    /// The secret itself (`rill_svc_…`). Only the sink writes it, to its 0600 file.
    public var secret: String
    /// When it was issued.
    public var issuedAt: Date

    /// Creates a record.
    public init(org: String, service: String, tokenID: String, secret: String, issuedAt: Date) {
        self.org = org
        self.service = service
        self.tokenID = tokenID
        self.secret = secret
        self.issuedAt = issuedAt
    }

    /// `service_token.ORG/SERVICE`
    public var address: ResourceAddress { .serviceToken(org, service) }

    /// `service_token.acme/reporting token_id=… (sensitive value)`: never the secret.
    public var description: String { "\(address) token_id=\(tokenID) (sensitive value)" }

    /// Same as `description`.
    public var debugDescription: String { description }

    /// Redacted, so `dump` and debuggers do not show the secret either.
    public var customMirror: Mirror {
        Mirror(self, children: ["address": address.description, "tokenID": tokenID, "secret": "(sensitive value)"])
    }
}
