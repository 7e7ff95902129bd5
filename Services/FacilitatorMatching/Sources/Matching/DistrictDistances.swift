import Foundation

/// Approximate distances between an area's districts, from each district's centre (its main
/// town), by great-circle distance: enough to prefer a facilitator near the case without
/// holding anyone's address. Defaults cover the areas the hub was commissioned for;
/// `RJHUB_DISTRICT_CENTRES_FILE` (JSON `{"area": {"District": [latitude, longitude]}}`)
/// replaces them.
struct DistrictDistances: Sendable, Equatable {
  /// Centres by area, then by district key (``Candidate/districtKey(_:)``).
  let centres: [String: [String: Centre]]

  /// A district's centre, in degrees.
  struct Centre: Sendable, Equatable {
    var latitude: Double
    var longitude: Double
  }

  /// Distances from `centres` (area → district name → [latitude, longitude]).
  init(_ centres: [String: [String: [Double]]]) {
    self.centres = centres.mapValues { districts in
      Dictionary(
        districts.compactMap { name, point in
          point.count == 2
            ? (Candidate.districtKey(name), Centre(latitude: point[0], longitude: point[1])) : nil
        }, uniquingKeysWith: { first, _ in first })
    }
  }

  /// Whole kilometres from district `from` to district `to` in `area`; nil when either is
  /// not known there.
  func kilometres(area: String, from: String, to: String) -> Int? {
    guard let districts = centres[area], let a = districts[Candidate.districtKey(from)],
      let b = districts[Candidate.districtKey(to)]
    else { return nil }
    let radians = Double.pi / 180
    let dLat = (b.latitude - a.latitude) * radians
    let dLon = (b.longitude - a.longitude) * radians
    let h =
      sin(dLat / 2) * sin(dLat / 2)
      + cos(a.latitude * radians) * cos(b.latitude * radians) * sin(dLon / 2) * sin(dLon / 2)
    return Int((2 * 6371 * asin(min(1, sqrt(h)))).rounded())
  }

  /// The district centres of the default areas (main towns, to about a kilometre).
  static let defaults = DistrictDistances([
    "cambridgeshire": [
      "Cambridge": [52.205, 0.119], "East Cambridgeshire": [52.399, 0.262],
      "Fenland": [52.551, 0.088], "Huntingdonshire": [52.331, -0.182],
      "Peterborough": [52.573, -0.241], "South Cambridgeshire": [52.218, -0.066],
    ],
    "norfolk": [
      "Breckland": [52.681, 0.940], "Broadland": [52.635, 1.345],
      "Great Yarmouth": [52.608, 1.729], "King's Lynn and West Norfolk": [52.754, 0.398],
      "North Norfolk": [52.931, 1.299], "Norwich": [52.630, 1.297],
      "South Norfolk": [52.489, 1.233],
    ],
    "suffolk": [
      "Babergh": [52.039, 0.731], "East Suffolk": [52.093, 1.318], "Ipswich": [52.059, 1.155],
      "Mid Suffolk": [52.188, 0.998], "West Suffolk": [52.246, 0.711],
    ],
  ])
}
