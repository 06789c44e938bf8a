/*
 * fg_vocab.h - IRIs of the vocabularies the fact builder and writer use.
 * SPDX-License-Identifier: MIT
 *
 * The prefixes are those of the output contract; the project's own terms
 * live under FG_NS and are declared in ontology/factgrep.ttl.
 */
#ifndef FG_VOCAB_H
#define FG_VOCAB_H

#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define NS_XSD "http://www.w3.org/2001/XMLSchema#"
#define NS_ORG "http://www.w3.org/ns/org#"
#define NS_SCHEMA "http://schema.org/"
#define NS_NIF "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
#define NS_PROV "http://www.w3.org/ns/prov#"
#define NS_TIME "http://www.w3.org/2006/time#"
#define NS_SKOS "http://www.w3.org/2004/02/skos/core#"
#define FG_NS "https://w3id.org/factgrep/ns#"

#define RDF_TYPE NS_RDF "type"
#define RDF_VALUE NS_RDF "value"
#define RDFS_LABEL NS_RDFS "label"

#define XSD_STRING ""
#define XSD_INTEGER NS_XSD "integer"
#define XSD_DECIMAL NS_XSD "decimal"
#define XSD_NNI NS_XSD "nonNegativeInteger"
#define XSD_DATE NS_XSD "date"

#define NIF_CONTEXT NS_NIF "Context"
#define NIF_OBS NS_NIF "OffsetBasedString"
#define NIF_IS_STRING NS_NIF "isString"
#define NIF_REF_CONTEXT NS_NIF "referenceContext"
#define NIF_BEGIN NS_NIF "beginIndex"
#define NIF_END NS_NIF "endIndex"
#define NIF_ANCHOR NS_NIF "anchorOf"

#define PROV_DERIVED NS_PROV "wasDerivedFrom"

#define NS_ITS "http://www.w3.org/2005/11/its/rdf#"
#define ITS_IDENT NS_ITS "taIdentRef"
#define NIF_SUPER NS_NIF "superString"
#define NIF_STRUCTURE NS_NIF "Structure"

#define FG_RULE_CLASS FG_NS "Rule"
#define FG_RULE FG_NS "rule"
#define FG_RULE_FILE FG_NS "ruleFile"
#define FG_SHA256 FG_NS "sha256"
#define FG_SOURCE FG_NS "source"
#define FG_DOC_DATE FG_NS "documentDate"
#define FG_ARTICLE FG_NS "article"
#define FG_ARTICLE_CLASS FG_NS "Article"
#define FG_HEADLINE FG_NS "headline"

#endif
