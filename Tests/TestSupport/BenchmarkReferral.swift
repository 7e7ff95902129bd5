/// The synthetic police referral the benchmarks publish: a victim who prefers email and may be
/// contacted, a burglary, everything invented and unique to the run.
public enum BenchmarkReferral {
  /// Referral `index` of `run` for `area`; `prefix` (`CWB`, `WPB` …) names the benchmark in
  /// its referral id and crime reference.
  public static func body(prefix: String, index: Int, run: String, area: String) -> [String: Any] {
    [
      "referralId": "\(prefix)-\(run)-\(index)", "sourceSystem": "benchmark-athena", "area": area,
      "submittedAt": "2026-11-30T09:30:00Z",
      "referrer": [
        "type": "police", "organisation": "Benchmark Constabulary", "name": "Bench Referrer",
        "email": "referrer.\(run).\(index)@example.org",
      ],
      "initiatedBy": "victim",
      "offence": [
        "category": "burglary", "occurredOn": "2026-11-01", "reportedToPolice": true,
        "crimeReference": "\(prefix)/\(run)/\(index)",
      ],
      "victim": [
        "name": "Bench Victim \(run) \(index)", "email": "victim.\(run).\(index)@example.org",
        "preferredContact": "email", "safeToContact": true,
      ],
      "consentToShare": true,
    ]
  }
}
