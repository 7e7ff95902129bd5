import ServiceAssembly
import VictimContact

// `rjhub-victim-contact`: runs the victim-contact service until SIGTERM (see `rjhub env` for its settings).
try await HubServiceRunner.run(try VictimContactService.definition())
