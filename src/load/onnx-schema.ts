/**
 * The ONNX protobuf schema (onnx.proto, IR version 10/11) as a protobufjs JSON descriptor.
 *
 * Written out by hand from the ONNX specification rather than parsed from .proto text at run
 * time: a JSON descriptor loads in about a millisecond with `protobufjs/light`, and it lets us
 * include fields that the stale `onnx-proto` npm package lacks (NodeProto.metadata_props = 9,
 * FunctionProto.value_info/overload, sparse initializers).
 */
import protobuf from "protobufjs/light.js";

const entry = { rule: "repeated", type: "StringStringEntryProto" } as const;

export const onnxSchemaJson = {
  nested: {
    onnx: {
      nested: {
        StringStringEntryProto: {
          fields: { key: { type: "string", id: 1 }, value: { type: "string", id: 2 } },
        },
        OperatorSetIdProto: {
          fields: { domain: { type: "string", id: 1 }, version: { type: "int64", id: 2 } },
        },
        AttributeProto: {
          fields: {
            name: { type: "string", id: 1 },
            refAttrName: { type: "string", id: 21 },
            docString: { type: "string", id: 13 },
            type: { type: "int32", id: 20 },
            f: { type: "float", id: 2 },
            i: { type: "int64", id: 3 },
            s: { type: "bytes", id: 4 },
            t: { type: "TensorProto", id: 5 },
            g: { type: "GraphProto", id: 6 },
            sparseTensor: { type: "SparseTensorProto", id: 22 },
            tp: { type: "TypeProto", id: 14 },
            floats: { rule: "repeated", type: "float", id: 7 },
            ints: { rule: "repeated", type: "int64", id: 8 },
            strings: { rule: "repeated", type: "bytes", id: 9 },
            tensors: { rule: "repeated", type: "TensorProto", id: 10 },
            graphs: { rule: "repeated", type: "GraphProto", id: 11 },
            sparseTensors: { rule: "repeated", type: "SparseTensorProto", id: 23 },
            typeProtos: { rule: "repeated", type: "TypeProto", id: 15 },
          },
        },
        ValueInfoProto: {
          fields: {
            name: { type: "string", id: 1 },
            type: { type: "TypeProto", id: 2 },
            docString: { type: "string", id: 3 },
            metadataProps: { ...entry, id: 4 },
          },
        },
        NodeProto: {
          fields: {
            input: { rule: "repeated", type: "string", id: 1 },
            output: { rule: "repeated", type: "string", id: 2 },
            name: { type: "string", id: 3 },
            opType: { type: "string", id: 4 },
            domain: { type: "string", id: 7 },
            overload: { type: "string", id: 8 },
            attribute: { rule: "repeated", type: "AttributeProto", id: 5 },
            docString: { type: "string", id: 6 },
            metadataProps: { ...entry, id: 9 },
          },
        },
        TrainingInfoProto: {
          fields: {
            initialization: { type: "GraphProto", id: 1 },
            algorithm: { type: "GraphProto", id: 2 },
            initializationBinding: { ...entry, id: 3 },
            updateBinding: { ...entry, id: 4 },
          },
        },
        ModelProto: {
          fields: {
            irVersion: { type: "int64", id: 1 },
            opsetImport: { rule: "repeated", type: "OperatorSetIdProto", id: 8 },
            producerName: { type: "string", id: 2 },
            producerVersion: { type: "string", id: 3 },
            domain: { type: "string", id: 4 },
            modelVersion: { type: "int64", id: 5 },
            docString: { type: "string", id: 6 },
            graph: { type: "GraphProto", id: 7 },
            metadataProps: { ...entry, id: 14 },
            trainingInfo: { rule: "repeated", type: "TrainingInfoProto", id: 20 },
            functions: { rule: "repeated", type: "FunctionProto", id: 25 },
          },
        },
        TensorAnnotation: {
          fields: {
            tensorName: { type: "string", id: 1 },
            quantParameterTensorNames: { ...entry, id: 2 },
          },
        },
        GraphProto: {
          fields: {
            node: { rule: "repeated", type: "NodeProto", id: 1 },
            name: { type: "string", id: 2 },
            initializer: { rule: "repeated", type: "TensorProto", id: 5 },
            sparseInitializer: { rule: "repeated", type: "SparseTensorProto", id: 15 },
            docString: { type: "string", id: 10 },
            input: { rule: "repeated", type: "ValueInfoProto", id: 11 },
            output: { rule: "repeated", type: "ValueInfoProto", id: 12 },
            valueInfo: { rule: "repeated", type: "ValueInfoProto", id: 13 },
            quantizationAnnotation: { rule: "repeated", type: "TensorAnnotation", id: 14 },
            metadataProps: { ...entry, id: 16 },
          },
        },
        TensorProto: {
          fields: {
            dims: { rule: "repeated", type: "int64", id: 1 },
            dataType: { type: "int32", id: 2 },
            segment: { type: "Segment", id: 3 },
            floatData: { rule: "repeated", type: "float", id: 4, options: { packed: true } },
            int32Data: { rule: "repeated", type: "int32", id: 5, options: { packed: true } },
            stringData: { rule: "repeated", type: "bytes", id: 6 },
            int64Data: { rule: "repeated", type: "int64", id: 7, options: { packed: true } },
            name: { type: "string", id: 8 },
            docString: { type: "string", id: 12 },
            rawData: { type: "bytes", id: 9 },
            externalData: { ...entry, id: 13 },
            dataLocation: { type: "int32", id: 14 },
            doubleData: { rule: "repeated", type: "double", id: 10, options: { packed: true } },
            uint64Data: { rule: "repeated", type: "uint64", id: 11, options: { packed: true } },
            metadataProps: { ...entry, id: 16 },
          },
          nested: {
            Segment: {
              fields: { begin: { type: "int64", id: 1 }, end: { type: "int64", id: 2 } },
            },
          },
        },
        SparseTensorProto: {
          fields: {
            values: { type: "TensorProto", id: 1 },
            indices: { type: "TensorProto", id: 2 },
            dims: { rule: "repeated", type: "int64", id: 3 },
          },
        },
        TensorShapeProto: {
          fields: { dim: { rule: "repeated", type: "Dimension", id: 1 } },
          nested: {
            Dimension: {
              oneofs: { value: { oneof: ["dimValue", "dimParam"] } },
              fields: {
                dimValue: { type: "int64", id: 1 },
                dimParam: { type: "string", id: 2 },
                denotation: { type: "string", id: 3 },
              },
            },
          },
        },
        TypeProto: {
          oneofs: {
            value: {
              oneof: ["tensorType", "sequenceType", "mapType", "optionalType", "sparseTensorType"],
            },
          },
          fields: {
            tensorType: { type: "Tensor", id: 1 },
            sequenceType: { type: "Sequence", id: 4 },
            mapType: { type: "Map", id: 5 },
            optionalType: { type: "Optional", id: 9 },
            sparseTensorType: { type: "SparseTensor", id: 8 },
            denotation: { type: "string", id: 6 },
          },
          nested: {
            Tensor: {
              fields: {
                elemType: { type: "int32", id: 1 },
                shape: { type: "TensorShapeProto", id: 2 },
              },
            },
            Sequence: { fields: { elemType: { type: "TypeProto", id: 1 } } },
            Map: {
              fields: { keyType: { type: "int32", id: 1 }, valueType: { type: "TypeProto", id: 2 } },
            },
            Optional: { fields: { elemType: { type: "TypeProto", id: 1 } } },
            SparseTensor: {
              fields: {
                elemType: { type: "int32", id: 1 },
                shape: { type: "TensorShapeProto", id: 2 },
              },
            },
          },
        },
        FunctionProto: {
          fields: {
            name: { type: "string", id: 1 },
            input: { rule: "repeated", type: "string", id: 4 },
            output: { rule: "repeated", type: "string", id: 5 },
            attribute: { rule: "repeated", type: "string", id: 6 },
            attributeProto: { rule: "repeated", type: "AttributeProto", id: 11 },
            node: { rule: "repeated", type: "NodeProto", id: 7 },
            docString: { type: "string", id: 8 },
            opsetImport: { rule: "repeated", type: "OperatorSetIdProto", id: 9 },
            domain: { type: "string", id: 10 },
            overload: { type: "string", id: 13 },
            valueInfo: { rule: "repeated", type: "ValueInfoProto", id: 12 },
            metadataProps: { ...entry, id: 14 },
          },
        },
      },
    },
  },
};

function buildTypes() {
  const root = protobuf.Root.fromJSON(onnxSchemaJson as protobuf.INamespace);
  const t = (name: string) => root.lookupType(`onnx.${name}`);
  return {
    ModelProto: t("ModelProto"),
    GraphProto: t("GraphProto"),
    NodeProto: t("NodeProto"),
    TensorProto: t("TensorProto"),
    SparseTensorProto: t("SparseTensorProto"),
    ValueInfoProto: t("ValueInfoProto"),
    FunctionProto: t("FunctionProto"),
    OperatorSetIdProto: t("OperatorSetIdProto"),
    StringStringEntryProto: t("StringStringEntryProto"),
  };
}

let types: ReturnType<typeof buildTypes> | undefined;

/** The protobufjs types of the ONNX schema, built once on first use. */
export function onnxTypes(): ReturnType<typeof buildTypes> {
  types ??= buildTypes();
  return types;
}

/** Field numbers the streaming scanner dispatches on. */
export const FIELD = {
  model: { irVersion: 1, graph: 7, functions: 25, trainingInfo: 20 },
  graph: { node: 1, name: 2, initializer: 5, sparseInitializer: 15, input: 11, output: 12, valueInfo: 13 },
  tensor: {
    dims: 1,
    dataType: 2,
    floatData: 4,
    int32Data: 5,
    stringData: 6,
    int64Data: 7,
    name: 8,
    rawData: 9,
    doubleData: 10,
    uint64Data: 11,
    externalData: 13,
    dataLocation: 14,
  },
  sparse: { values: 1, indices: 2, dims: 3 },
} as const;
