extension HubAreaDirectory {
  /// The areas described when `RJHUB_AREAS_FILE` is not set: the three East of England force
  /// areas the hub was first commissioned for, with their local authority districts. Contact
  /// details are placeholders (example.org addresses and Ofcom's drama numbers): a deployment
  /// sets its own in its areas file.
  public static let defaults: [HubArea] = [
    HubArea(
      id: "cambridgeshire", name: "Cambridgeshire",
      districts: [
        "Cambridge", "East Cambridgeshire", "Fenland", "Huntingdonshire", "Peterborough",
        "South Cambridgeshire",
      ],
      contact: .init(
        email: "rj.cambridgeshire@example.org", phone: "01632 960 101",
        address: "Restorative Justice Hub, PO Box 101, Cambridge"),
      caseNumberCode: "CAM"),
    HubArea(
      id: "norfolk", name: "Norfolk",
      districts: [
        "Breckland", "Broadland", "Great Yarmouth", "King's Lynn and West Norfolk",
        "North Norfolk", "Norwich", "South Norfolk",
      ],
      contact: .init(
        email: "rj.norfolk@example.org", phone: "01632 960 102",
        address: "Restorative Justice Hub, PO Box 102, Norwich"),
      caseNumberCode: "NFK"),
    HubArea(
      id: "suffolk", name: "Suffolk",
      districts: ["Babergh", "East Suffolk", "Ipswich", "Mid Suffolk", "West Suffolk"],
      contact: .init(
        email: "rj.suffolk@example.org", phone: "01632 960 103",
        address: "Restorative Justice Hub, PO Box 103, Ipswich"),
      caseNumberCode: "SFK"),
  ]
}
