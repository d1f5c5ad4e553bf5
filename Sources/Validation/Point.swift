import Catalog

extension Validation {
    /// One measured point beside its emulation; errors are (emulated − measured) / measured.
    public struct Point: Sendable, Codable {
        public var group: String
        public var label: String
        public var measuredTput: Double
        public var emulatedTput: Double?
        public var measuredTPOT: Double?
        public var emulatedTPOT: Double?
        /// Median time to first token, seconds (the curves carry it; the published points do not).
        public var measuredTTFT: Double?
        public var emulatedTTFT: Double?
        /// The parallelism that gave the best emulation where several were tried ("TP4 EP1").
        public var emulatedParallelism: String?
        /// Why no emulation exists (unknown engine, configuration that cannot run), or why the
        /// measurement cannot be reproduced (`Observation.inconsistency`).
        public var note: String?

        /// Snake case in the file, like every other output.
        enum CodingKeys: String, CodingKey {
            case group, label, note
            case measuredTput = "measured_tput", emulatedTput = "emulated_tput"
            case measuredTPOT = "measured_tpot", emulatedTPOT = "emulated_tpot"
            case measuredTTFT = "measured_ttft", emulatedTTFT = "emulated_ttft"
            case emulatedParallelism = "emulated_parallelism"
        }

        public init(group: String, label: String, measuredTput: Double, emulatedTput: Double? = nil, measuredTPOT: Double? = nil,
                    emulatedTPOT: Double? = nil, measuredTTFT: Double? = nil, emulatedTTFT: Double? = nil, note: String? = nil) {
            self.group = group
            self.label = label
            self.measuredTput = measuredTput
            self.emulatedTput = emulatedTput
            self.measuredTPOT = measuredTPOT
            self.emulatedTPOT = emulatedTPOT
            self.measuredTTFT = measuredTTFT
            self.emulatedTTFT = emulatedTTFT
            self.note = note
        }

        public var tputError: Double? { emulatedTput.map { $0 / measuredTput - 1 } }
        public var tpotError: Double? {
            guard let m = measuredTPOT, let e = emulatedTPOT, m > 0 else { return nil }
            return e / m - 1
        }
        public var ttftError: Double? {
            guard let m = measuredTTFT, let e = emulatedTTFT, m > 0 else { return nil }
            return e / m - 1
        }
        /// Interactivity error: 1/TPOT, so (m / e) − 1.
        public var intvtyError: Double? {
            guard let m = measuredTPOT, let e = emulatedTPOT, e > 0 else { return nil }
            return m / e - 1
        }
    }

    /// One group predicted by a calibration that left it out (a calibration profile's `held_out`).
    public struct HeldOutGroup: Sendable, Codable, Equatable {
        /// The engine × GPU family whose fit left the group out ("vllm × hopper").
        public var cell: String
        public var error: CalibrationProfile.GroupError
    }

    /// Everything `validate --json` writes (build/validate.json): every point and every group
    /// summary of both sets, with a profile its held-out groups, and each file of unseen curves.
    public struct Report: Sendable, Codable {
        public var published: [Point]
        public var curves: [Point]
        public var publishedSummary: [GroupSummary]
        public var curveSummary: [GroupSummary]
        /// Every point of a set as one group ("all"): the overall medians the report quotes and CI gates.
        public var publishedOverall: GroupSummary
        public var curveOverall: GroupSummary
        /// The calibration profile the emulator ran with (its path), nil: the documented constants.
        public var profile: String?
        /// Each group of the profile's cells, predicted by the fit that left it out.
        public var heldOut: [HeldOutGroup]
        /// Medians over those groups of their median |error|: how far the calibration generalizes.
        public var heldOutOverall: CalibrationProfile.ExpectedError?
        /// Curves kept out of the calibration altogether, file by file.
        public var unseen: [UnseenSet]

        enum CodingKeys: String, CodingKey {
            case published, curves, profile
            case publishedSummary = "published_summary", curveSummary = "curve_summary"
            case publishedOverall = "published_overall", curveOverall = "curve_overall"
            case heldOut = "held_out", heldOutOverall = "held_out_overall"
            case unseen
        }

        /// Reads a report; one written before unseen curves existed reads as having none.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            published = try c.decode([Point].self, forKey: .published)
            curves = try c.decode([Point].self, forKey: .curves)
            publishedSummary = try c.decode([GroupSummary].self, forKey: .publishedSummary)
            curveSummary = try c.decode([GroupSummary].self, forKey: .curveSummary)
            publishedOverall = try c.decode(GroupSummary.self, forKey: .publishedOverall)
            curveOverall = try c.decode(GroupSummary.self, forKey: .curveOverall)
            profile = try c.decodeIfPresent(String.self, forKey: .profile)
            heldOut = try c.decode([HeldOutGroup].self, forKey: .heldOut)
            heldOutOverall = try c.decodeIfPresent(CalibrationProfile.ExpectedError.self, forKey: .heldOutOverall)
            unseen = try c.decodeIfPresent([UnseenSet].self, forKey: .unseen) ?? []
        }

        public init(published: [Point], curves: [Point], unseen: [UnseenSet] = [],
                    profile: (path: String, profile: CalibrationProfile)? = nil) {
            self.published = published
            self.curves = curves
            publishedSummary = Validation.summarize(published)
            curveSummary = Validation.summarize(curves)
            publishedOverall = Validation.summary(of: published, group: "all")
            curveOverall = Validation.summary(of: curves, group: "all")
            self.profile = profile?.path
            heldOut = profile?.profile.cells.flatMap { cell in cell.held_out.map { HeldOutGroup(cell: cell.name, error: $0) } } ?? []
            heldOutOverall = profile?.profile.heldOut
            self.unseen = unseen
        }
    }
}
