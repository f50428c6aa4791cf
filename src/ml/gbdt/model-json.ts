// XGBoost's JSON model format (xgboost ≥ 1.0, schema doc/model.schema): save in XGBoost 1.7.4's layout and
// load models written by XGBoost (gbtree booster, numerical splits, multi:softprob or binary:logistic).
import { MlInputError } from '../ml-input-error.js';
import { z } from 'zod';
import { formatFloat32 } from './float-format.js';
import type { GbdtModel } from './model.js';
import { countDeleted, type RegTree } from './tree.js';

const numArray = z.array(z.number());
const treeSchema = z.object({
  base_weights: numArray,
  default_left: z.array(z.union([z.number(), z.boolean()])),
  left_children: numArray,
  right_children: numArray,
  parents: numArray,
  split_indices: numArray,
  split_conditions: numArray,
  loss_changes: numArray,
  sum_hessian: numArray,
  split_type: numArray.optional(),
  categories: numArray.optional(),
  tree_param: z.object({ num_nodes: z.string(), num_feature: z.string() }).passthrough(),
});
const modelSchema = z.object({
  version: z.array(z.number()).optional(),
  learner: z.object({
    attributes: z.record(z.string(), z.string()).optional(),
    feature_names: z.array(z.string()).optional(),
    learner_model_param: z.object({ base_score: z.string(), num_class: z.string(), num_feature: z.string() }).passthrough(),
    objective: z.object({ name: z.string() }).passthrough(),
    gradient_booster: z.object({
      name: z.string(),
      model: z.object({ tree_info: numArray, trees: z.array(treeSchema) }).passthrough(),
    }),
  }),
});

/** Parses an XGBoost JSON model; throws TypeError/RangeError naming what is unsupported or malformed. */
export function modelFromJson(text: string): GbdtModel {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new MlInputError('bad-model', `model JSON: not valid JSON (${(e as Error).message})`);
  }
  const parsed = modelSchema.safeParse(raw);
  if (!parsed.success) throw new MlInputError('bad-model', `model JSON: not an XGBoost JSON model (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`);
  const learner = parsed.data.learner;
  const booster = learner.gradient_booster;
  if (booster.name !== 'gbtree') throw new MlInputError('bad-model', `model JSON: booster '${booster.name}' is not supported (gbtree only)`);
  const objective = learner.objective.name;
  if (objective !== 'multi:softprob' && objective !== 'binary:logistic') {
    throw new MlInputError('bad-model', `model JSON: objective '${objective}' is not supported`);
  }
  const numFeature = Number(learner.learner_model_param.num_feature);
  const numClass = objective === 'binary:logistic' ? 1 : Number(learner.learner_model_param.num_class);
  const trees = booster.model.trees.map((t, i) => {
    const n = Number(t.tree_param.num_nodes);
    const arrays = [t.base_weights, t.default_left, t.left_children, t.right_children, t.parents, t.split_indices, t.split_conditions, t.loss_changes, t.sum_hessian];
    if (arrays.some((a) => a.length !== n)) throw new MlInputError('bad-model', `model JSON: tree ${i} arrays do not have num_nodes = ${n} entries`);
    if (t.split_type?.some((s) => s !== 0)) throw new MlInputError('bad-model', `model JSON: tree ${i} has categorical splits (unsupported)`);
    const tree: RegTree = {
      numNodes: n,
      leftChildren: Int32Array.from(t.left_children),
      rightChildren: Int32Array.from(t.right_children),
      parents: Int32Array.from(t.parents),
      splitIndices: Int32Array.from(t.split_indices),
      splitConditions: Float32Array.from(t.split_conditions),
      defaultLeft: Uint8Array.from(t.default_left, (d) => (d === true || d === 1 ? 1 : 0)),
      baseWeights: Float32Array.from(t.base_weights),
      lossChanges: Float32Array.from(t.loss_changes),
      sumHessian: Float32Array.from(t.sum_hessian),
    };
    for (let k = 0; k < n; k++) {
      const l = tree.leftChildren[k]!;
      if (l >= 0 && (l >= n || tree.rightChildren[k]! >= n || tree.splitIndices[k]! >= numFeature)) {
        throw new MlInputError('bad-model', `model JSON: tree ${i} node ${k} refers to a missing node or feature`);
      }
    }
    return tree;
  });
  const treeInfo = Int32Array.from(booster.model.tree_info);
  if (treeInfo.length !== trees.length) throw new MlInputError('bad-model', `model JSON: tree_info has ${treeInfo.length} entries for ${trees.length} trees`);
  return {
    objective,
    numClass,
    numFeature,
    baseScore: Number(learner.learner_model_param.base_score),
    trees,
    treeInfo,
    featureNames: learner.feature_names ?? [],
    attributes: learner.attributes ?? {},
  };
}

/** Writes a float array the way XGBoost does. */
function floats(a: Float32Array): string {
  return `[${Array.from(a, formatFloat32).join(',')}]`;
}

/** Serialises one tree with XGBoost 1.7.4's key order. */
function treeJson(tree: RegTree, id: number, numFeature: number): string {
  const n = tree.numNodes;
  const ints = (a: ArrayLike<number>): string => `[${Array.from(a).join(',')}]`;
  const zeros = `[${new Array<number>(n).fill(0).join(',')}]`;
  return (
    `{"base_weights":${floats(tree.baseWeights)},"categories":[],"categories_nodes":[],"categories_segments":[],` +
    `"categories_sizes":[],"default_left":${ints(tree.defaultLeft)},"id":${id},"left_children":${ints(tree.leftChildren)},` +
    `"loss_changes":${floats(tree.lossChanges)},"parents":${ints(tree.parents)},"right_children":${ints(tree.rightChildren)},` +
    `"split_conditions":${floats(tree.splitConditions)},"split_indices":${ints(tree.splitIndices)},"split_type":${zeros},` +
    `"sum_hessian":${floats(tree.sumHessian)},"tree_param":{"num_deleted":"${countDeleted(tree)}","num_feature":"${numFeature}",` +
    `"num_nodes":"${n}","size_leaf_vector":"0"}}`
  );
}

/** Serialises a model in XGBoost 1.7.4's JSON format (loadable by `xgboost.Booster(model_file=…)`). */
export function modelToJson(model: GbdtModel): string {
  const names = model.featureNames.length > 0 ? model.featureNames : [];
  const objective =
    model.objective === 'binary:logistic'
      ? `{"name":"binary:logistic","reg_loss_param":{"scale_pos_weight":"1"}}`
      : `{"name":"multi:softprob","softmax_multiclass_param":{"num_class":"${model.numClass}"}}`;
  const attrs = Object.keys(model.attributes).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(model.attributes[k])}`);
  return (
    `{"learner":{"attributes":{${attrs.join(',')}},"feature_names":${JSON.stringify(names)},"feature_types":[],` +
    `"gradient_booster":{"model":{"gbtree_model_param":{"num_parallel_tree":"1","num_trees":"${model.trees.length}",` +
    `"size_leaf_vector":"0"},"tree_info":[${Array.from(model.treeInfo).join(',')}],"trees":[` +
    model.trees.map((t, i) => treeJson(t, i, model.numFeature)).join(',') +
    `]},"name":"gbtree"},"learner_model_param":{"base_score":"${formatFloat32(model.baseScore)}","boost_from_average":"0",` +
    `"num_class":"${model.objective === 'binary:logistic' ? 0 : model.numClass}","num_feature":"${model.numFeature}","num_target":"1"},` +
    `"objective":${objective}},"version":[1,7,4]}`
  );
}
