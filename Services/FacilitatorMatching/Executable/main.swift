import FacilitatorMatching
import ServiceAssembly

// `rjhub-facilitator-matching`: runs the facilitator-matching service until SIGTERM (see `rjhub env` for its settings).
try await HubServiceRunner.run(try FacilitatorMatchingService.definition())
