// Worker thread of a TrainingHelper: stands by its round board and grows trees for every training that opens it.
import { workerData } from 'node:worker_threads';
import { standByBoard, type HelperData, type RoundBoard } from './round-board.js';

const { board, data } = workerData as { board: RoundBoard; data: HelperData };
standByBoard(board, data);
