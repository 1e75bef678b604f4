@testable import RillformEmulator
@testable import RillformManifest
import Testing

/// The manifest refuses public email providers at validate time with a copy of the list the emulator (and Rill)
/// refuses at apply time; a domain on one list only would pass validate and fail mid-apply.
@Suite("Public email providers")
struct PublicEmailDomainsTests {
    @Test("the manifest's list equals the emulator's port of Rill's list")
    func sameAsEmulator() {
        #expect(NameRules.publicEmailDomains.subtracting(PublicEmailDomains.list).sorted() == [])
        #expect(PublicEmailDomains.list.subtracting(NameRules.publicEmailDomains).sorted() == [])
        #expect(NameRules.publicEmailDomains.count > 100)
    }
}
