import Catalog
import Foundation

/// Checks that every tag of a Mustache template names a value the context has, so a misspelt key
/// fails (exit 2, naming the template, the line and the key) instead of rendering as nothing.
/// Names resolve as Mustache resolves them: through the stack of enclosing sections, dotted names
/// step by step. Inside a section over a list, the first element stands for all; a section that
/// does not render (false, an empty list, value or text) is not checked.
enum TemplateKeys {
    static func check(_ template: String, file: String, values: [String: Any]) throws(InputError) {
        var stack: [Any?] = [values]
        var line = 1, index = template.startIndex
        while let open = template[index...].range(of: "{{") {
            line += template[index..<open.lowerBound].filter { $0 == "\n" }.count
            let triple = template[open.upperBound...].hasPrefix("{")
            guard let close = template[open.upperBound...].range(of: triple ? "}}}" : "}}") else { break }
            let tag = template[open.upperBound..<close.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: "{ "))
            line += tag.filter { $0 == "\n" }.count
            index = close.upperBound
            guard let sigil = tag.first else { continue }
            let kind = "#^/&".contains(sigil) ? sigil : " "
            guard !"!%>=".contains(sigil) else { continue }
            let name = (kind == " " ? tag : String(tag.dropFirst())).trimmingCharacters(in: .whitespaces)
            if kind == "/" {
                if stack.count > 1 { stack.removeLast() }
                continue
            }
            // Inside an unchecked section (an empty list), nothing can be resolved or refuted.
            guard stack.allSatisfy({ $0 != nil }) else {
                if kind == "#" || kind == "^" { stack.append(nil) }
                continue
            }
            guard let value = resolve(name, in: stack) else {
                throw InputError(file: "\(file):\(line)", key: name, problem: "the template names a value the report does not have",
                                 allowed: visibleKeys(stack).listed)
            }
            switch kind {
            case "#":
                // A section that does not render (false, empty) is not checked inside.
                if let list = value as? [Any] {
                    stack.append(list.first)
                } else if value as? Bool == false || (value as? [String: Any])?.isEmpty == true || value as? String == "" {
                    stack.append(nil)
                } else {
                    stack.append(value)
                }
            case "^": stack.append(stack.last!)
            default: break
            }
        }
    }

    /// The value `name` names, looked up from the innermost section out; "." is the section's own.
    static func resolve(_ name: String, in stack: [Any?]) -> Any? {
        if name == "." { return stack.last ?? nil }
        let parts = name.split(separator: ".").map(String.init)
        for frame in stack.reversed() {
            guard let dictionary = frame as? [String: Any], var value = dictionary[parts[0]] else { continue }
            for part in parts.dropFirst() {
                guard let next = (value as? [String: Any])?[part] else { return nil }
                value = next
            }
            return value
        }
        return nil
    }

    static func visibleKeys(_ stack: [Any?]) -> Set<String> {
        Set(stack.compactMap { $0 as? [String: Any] }.flatMap(\.keys))
    }
}
